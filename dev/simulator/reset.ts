/** `npm run reset`: puts the simulator's stored state (.local/state.json) back to the demo data. */
import { Simulator } from './server';

const simulator = new Simulator();
simulator.reloadBundle();
if (!simulator.build.ok) {
  console.error(simulator.build.message);
  process.exitCode = 1;
} else {
  simulator.reset();
}
