// `--format cucumber-observation/report/html[:file.html]`: the run's observation report as an HTML page.
import { reportFormatter } from '../formatter.js';

export default reportFormatter('html');
