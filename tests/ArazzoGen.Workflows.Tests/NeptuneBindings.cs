using ArazzoGen;

// The Neptune ML seed's operationIds (createDataProcessingJob, ...) are the Neptune HTTP API's; they
// bind to the SDK through the OpenAPI document its source description names (openapi/, an
// AdditionalFile), with no attribute. One genuine override is left: the workflow sends `modelName`
// to StartMLModelTrainingJob, which neither the AWS model nor the SDK has (the model type is chosen
// by the data processing job), so it is dropped here, leaving the shared workflow file untouched.
[assembly: ArazzoPayloadMember("neptuneMlApi", "createModelTrainingJob", "modelName", null)]
