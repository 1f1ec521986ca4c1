// Runs a state machine definition in aws-local-stepfunctions against the simulated SageMaker.
// Usage: node run.mjs request.json, where the request is { "definition": {...}, "input": {...}, "scenario": {...} };
// prints { "status", "output" | "error" + "cause", "calls": { operation: count }, "seconds" } as JSON.
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import { SimulatedAws } from './simulator.mjs';

// aws-local-stepfunctions 3 asks for Node 22 for this one function; Node 20 has the rest.
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const definition = typeof request.definition === 'string' ? JSON.parse(request.definition) : request.definition;
const aws = new SimulatedAws(request.scenario ?? {});
const states = definition.States;

// Every Task calls the simulator; every Wait and Retry passes on the virtual clock (1 ms of real time, which lets the
// event log below advance the clock before the next state runs).
const taskResourceLocalHandlers = {};
const waitTimeOverrides = {};
const retryIntervalOverrides = {};
for (const [name, state] of Object.entries(states)) {
  if (state.Type === 'Task') {
    taskResourceLocalHandlers[name] = input => aws.call(state.Resource, input);
    if (state.Retry) {
      retryIntervalOverrides[name] = 1;
    }
  } else if (state.Type === 'Wait') {
    waitTimeOverrides[name] = 1;
  }
}

const machine = new StateMachine(definition);
const execution = machine.run(request.input ?? {}, { overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides } });
const clock = (async () => {
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered' && event.state.type === 'Wait') {
      const wait = states[event.state.name];
      aws.advance(wait.Seconds ?? read(event.state.input, wait.SecondsPath));
    } else if (event.type === 'StateRetried') {
      const { retrier = {}, attempt = 1 } = event.retry ?? {};
      aws.advance((retrier.IntervalSeconds ?? 1) * Math.pow(retrier.BackoffRate ?? 2, attempt - 1));
    }
  }
})();

let result;
try {
  result = { status: 'SUCCEEDED', output: await execution.result };
} catch (error) {
  const cause = error.cause ?? error;
  result = { status: 'FAILED', error: cause.name, cause: cause.message };
}

await clock.catch(() => {});
result.calls = aws.calls;
result.seconds = aws.now;
process.stdout.write(JSON.stringify(result));

function read(input, path) {
  return path.slice(2).split('.').reduce((value, key) => value?.[key], input);
}
