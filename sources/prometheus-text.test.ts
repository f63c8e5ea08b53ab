// The exposition-format parser: samples with and without labels, the name filter, special values, and what it refuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { metricFilter, parsePrometheusText } from './prometheus-text.js';

const SAMPLE = `# HELP etcd_server_is_leader Whether or not this member is a leader.
# TYPE etcd_server_is_leader gauge
etcd_server_is_leader 1
etcd_server_leader_changes_seen_total 2
etcd_network_peer_round_trip_time_seconds_bucket{To="8e9e05c52164694d",le="0.0001"} 0
etcd_network_peer_round_trip_time_seconds_bucket{To="8e9e05c52164694d",le="+Inf"} 12
weird_labels{path="/a,b}{",quote="say \\"hi\\""} 3 1712345678000
go_gc_duration_seconds{quantile="1"} NaN
big_value +Inf

  indented_metric -2.5e-3
`;

describe('parsePrometheusText', () => {
  test('the result has no prototype, so a metric named __proto__ is a key like any other', () => {
    const metrics = parsePrometheusText('__proto__ 1\n');
    assert.equal(Object.getPrototypeOf(metrics), null);
    assert.equal(Object.getOwnPropertyDescriptor(metrics, '__proto__')?.value, 1);
  });

  test('a sample without labels is the number; labelled samples are keyed by their label text', () => {
    const metrics = parsePrometheusText(SAMPLE);
    assert.equal(metrics['etcd_server_is_leader'], 1);
    assert.equal(metrics['etcd_server_leader_changes_seen_total'], 2);
    assert.deepEqual(metrics['etcd_network_peer_round_trip_time_seconds_bucket'], {
      'To="8e9e05c52164694d",le="0.0001"': 0,
      'To="8e9e05c52164694d",le="+Inf"': 12,
    });
    assert.deepEqual(metrics['weird_labels'], { 'path="/a,b}{",quote="say \\"hi\\""': 3 }, 'braces and commas inside quotes stay in the label text');
    assert.ok(Number.isNaN((metrics['go_gc_duration_seconds'] as Record<string, number>)['quantile="1"']));
    assert.equal(metrics['big_value'], Number.POSITIVE_INFINITY);
    assert.equal(metrics['indented_metric'], -0.0025);
  });

  test('a metric with and without labels keeps the unlabelled sample under ""', () => {
    assert.deepEqual({ ...parsePrometheusText('m{a="1"} 1\nm 2\n') }, { m: { 'a="1"': 1, '': 2 } });
    assert.deepEqual({ ...parsePrometheusText('m 2\nm{a="1"} 1\n') }, { m: { '': 2, 'a="1"': 1 } });
  });

  test('the filter keeps listed names and prefixes ending in *', () => {
    const metrics = parsePrometheusText(SAMPLE, metricFilter(['etcd_server_is_leader', 'etcd_network_*']));
    assert.deepEqual(Object.keys(metrics).sort(), ['etcd_network_peer_round_trip_time_seconds_bucket', 'etcd_server_is_leader']);
    assert.equal(metricFilter([]), undefined);
  });

  test('CRLF line ends parse like LF', () => {
    assert.deepEqual({ ...parsePrometheusText('a 1\r\nb{x="y"} 2\r\n') }, { a: 1, b: { 'x="y"': 2 } });
  });

  test('a line that is no sample throws, naming it', () => {
    assert.throws(() => parsePrometheusText('good 1\nbad_sample\n'), { name: 'SyntaxError', message: 'not a metrics sample: bad_sample' });
    assert.throws(() => parsePrometheusText('m{a="1" 3\n'), { name: 'SyntaxError', message: /unclosed labels in metrics line: m\{a="1" 3/ });
    assert.throws(() => parsePrometheusText('m abc\n'), { message: 'not a metrics sample: m abc' });
  });
});
