// Runs a state machine definition in aws-local-stepfunctions against the simulated SageMaker.
// Usage: node run.mjs request.json, where the request is
//   { "definition": {...}, "input": {...}, "scenario": {...}, "stateMachines": { "name": {...} } }
// ("stateMachines": the definitions a startExecution.sync:2 task may run, by state machine name);
// prints { "status", "output" | "error" + "cause", "calls": { operation: count }, "executions", "seconds" } as JSON.
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import { SimulatedAws, failure } from './simulator.mjs';

// aws-local-stepfunctions 3 asks for Node 22 for this one function; Node 20 has the rest.
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const aws = new SimulatedAws(request.scenario ?? {});
const stateMachines = request.stateMachines ?? {};
const executions = [];
const region = 'us-east-1';
const account = '123456789012';

let result;
try {
  result = { status: 'SUCCEEDED', output: await execute('main', request.definition, request.input ?? {}) };
} catch (error) {
  const cause = error.cause ?? error;
  result = { status: 'FAILED', error: cause.name, cause: cause.message };
}

result.calls = aws.calls;
result.executions = executions;
result.seconds = aws.now;
process.stdout.write(JSON.stringify(result));

/** Runs one execution; a startExecution.sync:2 task runs the named definition as a child execution the same way. */
async function execute(name, definition, input) {
  definition = typeof definition === 'string' ? JSON.parse(definition) : definition;
  executions.push(name);
  const states = allStates(definition);

  // Every Task calls the simulator; every Wait and Retry passes on the virtual clock (1 ms of real time, which lets
  // the event log below advance the clock before the next state runs).
  const taskResourceLocalHandlers = {};
  const waitTimeOverrides = {};
  const retryIntervalOverrides = {};
  for (const [stateName, state] of Object.entries(states)) {
    if (state.Type === 'Task') {
      taskResourceLocalHandlers[stateName] = state.Resource === 'arn:aws:states:::states:startExecution.sync:2'
        ? taskInput => startExecution(taskInput)
        : taskInput => aws.call(state.Resource, taskInput);
      if (state.Retry) {
        retryIntervalOverrides[stateName] = 1;
      }
    } else if (state.Type === 'Wait') {
      waitTimeOverrides[stateName] = 1;
    }
  }

  const context = {
    Execution: { Id: `arn:aws:states:${region}:${account}:execution:${name}:${executions.length}`, Input: input, StartTime: new Date(0).toISOString() },
    StateMachine: { Id: `arn:aws:states:${region}:${account}:stateMachine:${name}`, Name: name },
  };
  const execution = new StateMachine(definition).run(input, { overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides }, context });
  const clock = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered' && event.state.type === 'Wait' && states[event.state.name]) {
        const wait = states[event.state.name];
        aws.advance(wait.Seconds ?? read(event.state.input, wait.SecondsPath));
      } else if (event.type === 'StateRetried') {
        const { retrier = {}, attempt = 1 } = event.retry ?? {};
        aws.advance((retrier.IntervalSeconds ?? 1) * Math.pow(retrier.BackoffRate ?? 2, attempt - 1));
      }
    }
  })();

  try {
    return await execution.result;
  } finally {
    await clock.catch(() => {});
  }
}

async function startExecution(parameters) {
  const name = String(parameters.StateMachineArn).split(':').at(-1);
  if (!stateMachines[name]) {
    throw failure('StepFunctions.StateMachineDoesNotExistException', `State Machine Does Not Exist: '${parameters.StateMachineArn}'`);
  }

  try {
    const output = await execute(name, stateMachines[name], parameters.Input ?? {});
    return { Output: output, Status: 'SUCCEEDED', StateMachineArn: parameters.StateMachineArn };
  } catch (error) {
    const cause = error.cause ?? error;
    throw failure('States.TaskFailed', JSON.stringify({ Error: cause.name, Cause: cause.message, Status: 'FAILED' }));
  }
}

/** Every state of a definition by name, those of its Parallel branches included (names are unique across them). */
function allStates(definition) {
  const found = {};
  for (const [name, state] of Object.entries(definition.States)) {
    found[name] = state;
    for (const branch of state.Branches ?? []) {
      Object.assign(found, allStates(branch));
    }
  }

  return found;
}

function read(input, path) {
  return path.slice(2).split('.').reduce((value, key) => value?.[key], input);
}
