namespace ArazzoGen.Sqs;

/// <summary>Where <see cref="SqsStateChangeListener"/> reads state-change events, and how.</summary>
public sealed class SqsStateChangeOptions
{
    /// <summary>The URL of the queue the EventBridge rule sends to (one queue per fleet of workers is enough when each process has its own; see the README).</summary>
    public string QueueUrl { get; set; } = string.Empty;

    /// <summary>How long one receive waits for a message (SQS long polling, 0 to 20 s). 20 s by default.</summary>
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>The most messages one receive returns (1 to 10). 10 by default.</summary>
    public int MaxMessages { get; set; } = 10;

    /// <summary>The longest pause after failed receives, which double from 1 s up to it. 30 s by default; polls fall back to their interval meanwhile.</summary>
    public TimeSpan MaxErrorBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
