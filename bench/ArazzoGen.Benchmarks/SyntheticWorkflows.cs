using System.Text;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// Workflows of 6 to 10 steps for the build benchmark: train, poll, deploy on SageMaker, then up to
/// four DynamoDB steps with map payloads, so every stage (payload binding, response paths, polls,
/// criteria) does real work.
/// </summary>
internal static class SyntheticWorkflows
{
    public static IReadOnlyList<(string Path, string Text)> Create(int count)
    {
        var random = new Random(42);
        return Enumerable.Range(0, count).Select(i => ($"/synthetic/workflow-{i:000}.arazzo.yaml", Workflow(i, 6 + random.Next(5)))).ToList();
    }

    public static string Workflow(int index, int steps)
    {
        var yaml = new StringBuilder($$"""
            arazzo: 1.0.1
            info:
              title: Synthetic workflow {{index}}
              version: 1.0.0
            sourceDescriptions:
            - name: sagemaker
              url: ./sagemaker.json
            - name: dynamo
              url: ./dynamodb.json
            workflows:
            - workflowId: synthetic-{{index}}
              summary: Train, deploy and record model {{index}}.
              inputs:
                type: object
                required: [jobName, roleArn, tableName]
                properties:
                  jobName: {type: string, description: The job name.}
                  roleArn: {type: string}
                  tableName: {type: string}
                  instanceCount: {type: integer, default: 1}
              steps:
              - stepId: train
                operationId: $sourceDescriptions.sagemaker.CreateTrainingJob
                requestBody:
                  payload:
                    TrainingJobName: $inputs.jobName
                    RoleArn: $inputs.roleArn
                    AlgorithmSpecification: {TrainingImage: image, TrainingInputMode: File}
                    OutputDataConfig: {S3OutputPath: 's3://out/{$inputs.jobName}'}
                    ResourceConfig: {InstanceType: ml.m5.large, InstanceCount: $inputs.instanceCount, VolumeSizeInGB: 30}
                    StoppingCondition: {MaxRuntimeInSeconds: 3600}
                successCriteria:
                - condition: $statusCode == 200
                outputs:
                  arn: $response.body#/TrainingJobArn
              - stepId: pollTraining
                operationId: $sourceDescriptions.sagemaker.DescribeTrainingJob
                requestBody:
                  payload:
                    TrainingJobName: $inputs.jobName
                successCriteria:
                - condition: $statusCode == 200
                outputs:
                  status: $response.body#/TrainingJobStatus
                  artifacts: $response.body#/ModelArtifacts/S3ModelArtifacts
                onSuccess:
                - name: running
                  type: goto
                  stepId: pollTraining
                  criteria:
                  - context: $response.body
                    condition: $.TrainingJobStatus == "InProgress"
                    type: jsonpath
                - name: failed
                  type: end
                  criteria:
                  - context: $response.body
                    condition: $.TrainingJobStatus != "Completed"
                    type: jsonpath
              - stepId: model
                operationId: $sourceDescriptions.sagemaker.CreateModel
                requestBody:
                  payload:
                    ModelName: $inputs.jobName
                    ExecutionRoleArn: $inputs.roleArn
                    PrimaryContainer: {Image: image, ModelDataUrl: $steps.pollTraining.outputs.artifacts}
                outputs:
                  arn: $response.body#/ModelArn
              - stepId: config
                operationId: $sourceDescriptions.sagemaker.CreateEndpointConfig
                requestBody:
                  payload:
                    EndpointConfigName: $inputs.jobName
                    ProductionVariants:
                    - {VariantName: AllTraffic, ModelName: $inputs.jobName, InitialInstanceCount: 1, InstanceType: ml.m5.large}
              - stepId: endpoint
                operationId: $sourceDescriptions.sagemaker.CreateEndpoint
                requestBody:
                  payload: {EndpointName: $inputs.jobName, EndpointConfigName: $inputs.jobName}
              - stepId: pollEndpoint
                operationId: $sourceDescriptions.sagemaker.DescribeEndpoint
                requestBody:
                  payload: {EndpointName: $inputs.jobName}
                outputs:
                  status: $response.body#/EndpointStatus
                onSuccess:
                - name: creating
                  type: goto
                  stepId: pollEndpoint
                  criteria:
                  - condition: $response.body#/EndpointStatus == 'Creating'

            """);
        var extra = new[]
        {
            """
              - stepId: record
                operationId: $sourceDescriptions.dynamo.PutItem
                requestBody:
                  payload:
                    TableName: $inputs.tableName
                    Item:
                      pk: {S: $inputs.jobName}
                      model: {S: $steps.model.outputs.arn}
                      endpoint: {S: '{$steps.pollEndpoint.outputs.status}'}

            """,
            """
              - stepId: readBack
                operationId: $sourceDescriptions.dynamo.GetItem
                requestBody:
                  payload:
                    TableName: $inputs.tableName
                    Key: {pk: {S: $inputs.jobName}}
                    ConsistentRead: true
                outputs:
                  model: $response.body#/Item/model/S

            """,
            """
              - stepId: table
                operationId: $sourceDescriptions.dynamo.DescribeTable
                requestBody:
                  payload: {TableName: $inputs.tableName}
                outputs:
                  items: $response.body#/Table/ItemCount

            """,
            """
              - stepId: audit
                operationId: $sourceDescriptions.dynamo.PutItem
                requestBody:
                  payload:
                    TableName: $inputs.tableName
                    Item:
                      pk: {S: 'audit-{$inputs.jobName}'}
                      items: {N: '{$steps.table.outputs.items}'}

            """,
        };
        foreach (var step in extra.Take(steps - 6))
        {
            yaml.Append(step);
        }

        yaml.Append("""
              outputs:
                endpointStatus: $steps.pollEndpoint.outputs.status

            """);
        return yaml.ToString();
    }
}
