using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ArazzoGen.Samples.Simulation;

/// <summary>
/// What SageMaker sends EventBridge when a job or endpoint changes state: a timer per transition on
/// the simulator's clock, firing an event shaped as EventBridge delivers it to an SQS queue.
/// </summary>
internal sealed class StateChangePublisher(TimeProvider clock, Action<string> publish)
{
    // A timer nobody references can be collected before it fires.
    private readonly ConcurrentDictionary<ITimer, bool> _pending = new();

    /// <summary>Sends an event about <paramref name="resource"/> (its ARN) after <paramref name="after"/>, with the detail <paramref name="detail"/> computes then.</summary>
    public void After(TimeSpan after, string detailType, string resource, Func<JsonObject> detail)
    {
        ITimer? timer = null;
        timer = clock.CreateTimer(
            _ =>
            {
                publish(Event(detailType, resource, detail()));
                if (timer is not null && _pending.TryRemove(timer, out var _))
                {
                    timer.Dispose();
                }
            },
            null,
            after,
            Timeout.InfiniteTimeSpan);
        _pending[timer] = true;
    }

    private string Event(string detailType, string resource, JsonObject detail) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = "aws.sagemaker",
        ["account"] = "123456789012",
        ["time"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["region"] = "us-east-1",
        ["resources"] = new JsonArray(resource),
        ["detail"] = detail,
    }.ToJsonString();
}
