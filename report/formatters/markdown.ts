// `--format cucumber-observation/report[:file.md]`: the run's observation report as Markdown.
import { reportFormatter } from '../formatter.js';

export default reportFormatter('markdown');
