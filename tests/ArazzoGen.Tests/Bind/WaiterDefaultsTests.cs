using System.Text.Json;
using ArazzoGen.Bind;
using ArazzoGen.Tests.Infrastructure;

namespace ArazzoGen.Tests.Bind;

public class WaiterDefaultsTests
{
    [Fact]
    public void Every_poll_delay_is_the_official_waiters_delay_for_that_operation()
    {
        var models = Path.Combine(RepoPaths.Root, "..", "shared", "aws-models");
        Assert.True(Directory.Exists(models), "shared/aws-models must sit beside the repository (as in CI)");
        var delays = new Dictionary<string, HashSet<double>>();
        foreach (var (file, client) in new[] { ("sagemaker-2017-07-24.waiters-2.json", "IAmazonSageMaker"), ("dynamodb-2012-08-10.waiters-2.json", "IAmazonDynamoDB") })
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(models, file)));
            foreach (var waiter in document.RootElement.GetProperty("waiters").EnumerateObject())
            {
                var key = client + "." + waiter.Value.GetProperty("operation").GetString();
                delays.TryAdd(key, new HashSet<double>());
                delays[key].Add(waiter.Value.GetProperty("delay").GetDouble());
            }
        }

        foreach (var (key, value) in WaiterDefaults.All)
        {
            Assert.True(delays.TryGetValue(key, out var official), $"{key} has no waiter in the models");
            Assert.Contains(value.Delay, official);
        }

        Assert.Equal(120, WaiterDefaults.For("IAmazonSageMaker", "DescribeTrainingJob")!.Delay);
        Assert.Equal(30, WaiterDefaults.For("IAmazonSageMaker", "DescribeEndpoint")!.Delay);
        Assert.Equal(60, WaiterDefaults.For("IAmazonSageMaker", "DescribeProcessingJob")!.Delay);
        Assert.Equal(20, WaiterDefaults.For("IAmazonDynamoDB", "DescribeTable")!.Delay);
    }
}

public class StateChangeEventsTests
{
    [Fact]
    public void Every_event_a_poll_waits_for_is_one_the_runtime_reads_and_names_the_resource_by_the_describe_requests_member()
    {
        var models = Path.Combine(RepoPaths.Root, "..", "shared", "aws-models");
        using var sageMaker = JsonDocument.Parse(File.ReadAllText(Path.Combine(models, "sagemaker-2017-07-24.service-2.json")));
        var shapes = sageMaker.RootElement.GetProperty("shapes");
        foreach (var (key, value) in StateChangeEvents.All)
        {
            // The runtime reads the resource's name from the same member of the event's detail.
            Assert.Equal(value.NameMember, ArazzoGen.Runtime.StateChangeEvent.NameMembers[value.DetailType]);

            // ... which is a required member of the Describe request, so the poll always knows the name.
            var operation = key.Split('.')[1];
            var input = sageMaker.RootElement.GetProperty("operations").GetProperty(operation).GetProperty("input").GetProperty("shape").GetString()!;
            Assert.Contains(value.NameMember, shapes.GetProperty(input).GetProperty("required").EnumerateArray().Select(r => r.GetString()));

            // The fallback is the waiter's delay where there is a waiter.
            if (WaiterDefaults.For("IAmazonSageMaker", operation) is { } waiter)
            {
                Assert.Equal(waiter.Delay, value.FallbackSeconds);
            }
        }

        Assert.Equal(ArazzoGen.Runtime.StateChangeEvent.NameMembers.Count, StateChangeEvents.All.Count);
    }
}
