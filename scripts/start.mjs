// `npm start`: runs the example suite (Cucumber profile "example") against a real kv cluster and says where its reports are.
import { runExample } from './run-example.mjs';

runExample({
  profile: 'example',
  name: 'Example suite',
  reports: [
    ['HTML report, with an observation timeline per scenario', 'reports/example.html'],
    ['JUnit XML report', 'reports/example.xml'],
  ],
});
