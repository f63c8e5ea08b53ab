import { ObservationRuntime } from '../lib/index.js';
import { ClusterObserver, SimulatedCluster } from './systems.js';
import { VirtualClock } from './virtual-clock.js';
const clock = new VirtualClock();
const runtime = await ObservationRuntime.start(new SimulatedCluster().sources, new ClusterObserver(), { intervalMs: 1, clock });
await clock.fire(Number(process.argv[2] ?? 100000));
await runtime.stop();
