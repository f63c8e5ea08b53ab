// `--format cucumber-observation/report/json[:file.json]`: the run's observation report as JSON, for tools.
import { reportFormatter } from '../formatter.js';

export default reportFormatter('json');
