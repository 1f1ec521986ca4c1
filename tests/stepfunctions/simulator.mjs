// A simulated SageMaker (and DynamoDB tables) for state machines run by aws-local-stepfunctions.
// It follows samples/SageMakerSimulator/SimulatedSageMaker.cs: the same job phases and durations, the
// same statuses, failure reasons and ARNs, on a virtual clock the runner advances by each Wait and
// Retry, so a definition's run can be compared with the C# class's run of the same workflow.

const minute = 60;
const Starting = 1 * minute;
const Downloading = 2 * minute;
const Uploading = 1 * minute;

export class SimulatedAws {
  constructor(options = {}) {
    this.options = {
      trainingDuration: 40 * minute,
      processingDuration: 12 * minute,
      endpointCreationDuration: 8 * minute,
      failTraining: false,
      failProcessing: false,
      failEndpoint: false,
      throttledCallsPerOperation: 0,
      ...options,
    };
    this.now = 0; // seconds since the run started
    this.calls = {};
    this.trainingJobs = new Map();
    this.processingJobs = new Map();
    this.models = new Map();
    this.endpointConfigs = new Map();
    this.endpoints = new Map();
    this.tables = new Map(Object.entries(options.dynamoTables ?? {}).map(([name, table]) => [name, { ...table, describes: 0 }]));
    for (const job of options.existingTrainingJobs ?? []) {
      this.trainingJobs.set(job.name, { name: job.name, createdAt: -job.ageSeconds, outputPath: job.outputPath });
    }
  }

  advance(seconds) {
    this.now += seconds;
  }

  /** Calls an operation as a Task's Resource names it: arn:aws:states:::sagemaker:createTrainingJob.sync, arn:aws:states:::aws-sdk:sagemaker:describeEndpoint. */
  async call(resource, parameters) {
    const match = /^arn:aws:states:::(?:aws-sdk:)?([a-z0-9]+):([A-Za-z0-9]+)(\.sync)?$/.exec(resource);
    if (!match) {
      throw failure('States.Runtime', `unsupported resource ${resource}`);
    }

    const [, service, action, sync] = match;
    const operation = action[0].toUpperCase() + action.slice(1);
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
    const prefix = resource.includes(':aws-sdk:') ? { sagemaker: 'SageMaker', dynamodb: 'DynamoDb' }[service] : { sagemaker: 'SageMaker', dynamodb: 'DynamoDB' }[service];
    if (this.calls[operation] <= this.options.throttledCallsPerOperation) {
      throw failure(`${prefix}.ThrottlingException`, 'Rate exceeded');
    }

    const handler = this[operation];
    if (!handler) {
      throw failure('States.Runtime', `the simulator has no ${operation}`);
    }

    const answer = handler.call(this, parameters ?? {}, prefix);
    return sync ? this.runToEnd(operation, parameters) : answer;
  }

  /** A .sync task: Step Functions waits for the job (time passes) and answers its description, or fails with it. */
  runToEnd(operation, parameters) {
    const describe = {
      CreateTrainingJob: () => this.DescribeTrainingJob({ TrainingJobName: parameters.TrainingJobName }),
      CreateProcessingJob: () => this.DescribeProcessingJob({ ProcessingJobName: parameters.ProcessingJobName }),
    }[operation];
    const job = (this.trainingJobs.get(parameters.TrainingJobName) ?? this.processingJobs.get(parameters.ProcessingJobName));
    this.now = Math.max(this.now, job.createdAt + this.jobLength(operation));
    const description = describe();
    const status = description.TrainingJobStatus ?? description.ProcessingJobStatus;
    if (status !== 'Completed') {
      throw failure('States.TaskFailed', JSON.stringify(description));
    }

    return description;
  }

  jobLength(operation) {
    const o = this.options;
    if (operation === 'CreateTrainingJob') {
      return o.failTraining ? Starting + Downloading + o.trainingDuration / 2 : Starting + Downloading + o.trainingDuration + Uploading;
    }

    return o.failProcessing ? o.processingDuration / 2 : o.processingDuration;
  }

  CreateTrainingJob(p) {
    require(p.TrainingJobName, p.RoleArn, p.AlgorithmSpecification?.TrainingImage);
    if (this.trainingJobs.has(p.TrainingJobName)) {
      throw failure('SageMaker.ResourceInUseException', `Training job ${p.TrainingJobName} already exists`);
    }

    this.trainingJobs.set(p.TrainingJobName, { name: p.TrainingJobName, createdAt: this.now, outputPath: p.OutputDataConfig?.S3OutputPath });
    return { TrainingJobArn: arn('training-job', p.TrainingJobName) };
  }

  DescribeTrainingJob(p) {
    const job = find(this.trainingJobs, p.TrainingJobName, 'training job');
    const [status, secondary, reason] = this.trainingState(job);
    return omitNull({
      TrainingJobName: job.name,
      TrainingJobArn: arn('training-job', job.name),
      TrainingJobStatus: status,
      SecondaryStatus: secondary,
      FailureReason: reason,
      ModelArtifacts: status === 'Completed' ? { S3ModelArtifacts: `${(job.outputPath ?? '').replace(/\/+$/, '')}/${job.name}/output/model.tar.gz` } : null,
    });
  }

  trainingState(job) {
    if (job.stoppedAt !== undefined) {
      return this.now - job.stoppedAt < minute ? ['Stopping', 'Stopping', null] : ['Stopped', 'Stopped', null];
    }

    const elapsed = this.now - job.createdAt;
    const o = this.options;
    if (o.failTraining && elapsed >= Starting + Downloading + o.trainingDuration / 2) {
      return ['Failed', 'Failed', 'AlgorithmError: the training container exited with code 137 (out of memory)'];
    }

    if (elapsed < Starting + Downloading + o.trainingDuration + Uploading) {
      return ['InProgress', elapsed < Starting ? 'Starting' : elapsed < Starting + Downloading ? 'Downloading' : elapsed < Starting + Downloading + o.trainingDuration ? 'Training' : 'Uploading', null];
    }

    return ['Completed', 'Completed', null];
  }

  StopTrainingJob(p) {
    const job = find(this.trainingJobs, p.TrainingJobName, 'training job');
    job.stoppedAt ??= this.now;
    return {};
  }

  ListTrainingJobs(p) {
    const jobs = [...this.trainingJobs.values()]
      .filter(j => !p.StatusEquals || this.trainingState(j)[0] === p.StatusEquals)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, p.MaxResults ?? 10)
      .map(j => ({ TrainingJobName: j.name, TrainingJobArn: arn('training-job', j.name), TrainingJobStatus: this.trainingState(j)[0] }));
    return { TrainingJobSummaries: jobs };
  }

  CreateProcessingJob(p) {
    require(p.ProcessingJobName, p.RoleArn, p.AppSpecification?.ImageUri);
    if (this.processingJobs.has(p.ProcessingJobName)) {
      throw failure('SageMaker.ResourceInUseException', `Processing job ${p.ProcessingJobName} already exists`);
    }

    this.processingJobs.set(p.ProcessingJobName, { name: p.ProcessingJobName, createdAt: this.now });
    return { ProcessingJobArn: arn('processing-job', p.ProcessingJobName) };
  }

  DescribeProcessingJob(p) {
    const job = find(this.processingJobs, p.ProcessingJobName, 'processing job');
    const elapsed = this.now - job.createdAt;
    const o = this.options;
    const [status, reason] = o.failProcessing && elapsed >= o.processingDuration / 2 ? ['Failed', "ClientError: preprocessing script failed: KeyError 'label'"]
      : elapsed < o.processingDuration ? ['InProgress', null]
      : ['Completed', null];
    return omitNull({ ProcessingJobName: job.name, ProcessingJobArn: arn('processing-job', job.name), ProcessingJobStatus: status, FailureReason: reason });
  }

  CreateModel(p) {
    require(p.ModelName, p.ExecutionRoleArn, p.PrimaryContainer?.Image);
    if (this.models.has(p.ModelName)) {
      throw failure('SageMaker.AmazonSageMakerException', `Cannot create already existing model "${arn('model', p.ModelName)}".`);
    }

    this.models.set(p.ModelName, p.PrimaryContainer?.ModelDataUrl);
    return { ModelArn: arn('model', p.ModelName) };
  }

  CreateEndpointConfig(p) {
    this.endpointConfigs.set(p.EndpointConfigName, p);
    return { EndpointConfigArn: arn('endpoint-config', p.EndpointConfigName) };
  }

  CreateEndpoint(p) {
    if (this.endpoints.has(p.EndpointName)) {
      throw failure('SageMaker.AmazonSageMakerException', `Cannot create already existing endpoint "${arn('endpoint', p.EndpointName)}".`);
    }

    this.endpoints.set(p.EndpointName, { name: p.EndpointName, createdAt: this.now });
    return { EndpointArn: arn('endpoint', p.EndpointName) };
  }

  DescribeEndpoint(p) {
    const endpoint = find(this.endpoints, p.EndpointName, 'endpoint');
    const elapsed = this.now - endpoint.createdAt;
    const [status, reason] = endpoint.stoppedAt !== undefined ? ['Deleting', null]
      : elapsed < this.options.endpointCreationDuration ? ['Creating', null]
      : this.options.failEndpoint ? ['Failed', 'The primary container for production variant AllTraffic did not pass the ping health check.']
      : ['InService', null];
    return omitNull({ EndpointName: endpoint.name, EndpointArn: arn('endpoint', endpoint.name), EndpointStatus: status, FailureReason: reason });
  }

  // DynamoDB: tables given by the scenario, each ACTIVE from its activeAfterDescribes-th DescribeTable.
  ListTables() {
    return { TableNames: [...this.tables.keys()] };
  }

  DescribeTable(p, prefix) {
    const table = this.tables.get(p.TableName);
    if (!table) {
      throw failure(`${prefix}.ResourceNotFoundException`, `Requested resource not found: Table: ${p.TableName} not found`);
    }

    table.describes++;
    return { Table: { TableName: p.TableName, TableStatus: table.describes >= (table.activeAfterDescribes ?? 1) ? 'ACTIVE' : 'CREATING' } };
  }

  // A table's items are numbered 0..items-1; a page ends at Limit, its LastEvaluatedKey the next item's key.
  Scan(p, prefix) {
    const table = this.tables.get(p.TableName);
    if (!table) {
      throw failure(`${prefix}.ResourceNotFoundException`, `Requested resource not found`);
    }

    const items = table.items ?? 0;
    const start = p.ExclusiveStartKey ? Number(p.ExclusiveStartKey.pk.S) : 0;
    const end = Math.min(start + (p.Limit ?? items), items);
    const page = { Count: end - start, Items: Array.from({ length: end - start }, (_, i) => ({ pk: { S: String(start + i) } })) };
    return end < items ? { ...page, LastEvaluatedKey: { pk: { S: String(end) } } } : page;
  }

  PutItem(p, prefix) {
    if (!this.tables.has(p.TableName)) {
      throw failure(`${prefix}.ResourceNotFoundException`, `Requested resource not found`);
    }

    return {};
  }

  DeleteEndpoint(p) {
    const endpoint = find(this.endpoints, p.EndpointName, 'endpoint');
    endpoint.stoppedAt ??= this.now;
    return {};
  }
}

function arn(kind, name) {
  return `arn:aws:sagemaker:us-east-1:123456789012:${kind}/${String(name).toLowerCase()}`;
}

function find(map, name, what) {
  if (!map.has(name)) {
    throw failure('SageMaker.AmazonSageMakerException', `Requested resource not found: ${what} ${name}`);
  }

  return map.get(name);
}

function require(...values) {
  if (values.some(v => v === undefined || v === null || v === '')) {
    throw failure('SageMaker.AmazonSageMakerException', '1 validation error detected: a required member is null');
  }
}

function omitNull(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined));
}

/** An error as a Task reports it: its name is the Error a Retry or Catch matches, its message the Cause. */
export function failure(error, cause) {
  return Object.assign(new Error(cause), { name: error });
}
