using Amazon.Neptunedata;
using ArazzoGen;

// The Neptune ML seed names its operations after the Neptune HTTP API; the AWS SDK names them
// differently, and has no `modelName` on StartMLModelTrainingJob (the model type is chosen by the
// data processing job). These attributes say so in C#, leaving the shared workflow file untouched.
[assembly: ArazzoSource("neptuneMlApi", typeof(IAmazonNeptunedata))]
[assembly: ArazzoOperation("neptuneMlApi", "createDataProcessingJob", nameof(IAmazonNeptunedata.StartMLDataProcessingJobAsync))]
[assembly: ArazzoOperation("neptuneMlApi", "getDataProcessingJobStatus", nameof(IAmazonNeptunedata.GetMLDataProcessingJobAsync))]
[assembly: ArazzoOperation("neptuneMlApi", "createModelTrainingJob", nameof(IAmazonNeptunedata.StartMLModelTrainingJobAsync))]
[assembly: ArazzoOperation("neptuneMlApi", "getModelTrainingJobStatus", nameof(IAmazonNeptunedata.GetMLModelTrainingJobAsync))]
[assembly: ArazzoPayloadMember("neptuneMlApi", "createModelTrainingJob", "modelName", null)]
