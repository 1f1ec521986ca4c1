using System.ComponentModel;
using System.Text.Json;

namespace ArazzoGen.Runtime.Durable;

/// <summary>
/// What a generated run writes into its checkpoints and reads back when it resumes: its inputs, and
/// what its steps have produced. The run's position (step, poll progress, transitions) is the
/// runtime's to write.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRunState
{
    /// <summary>Writes the run's inputs as one JSON object; secrets only through <paramref name="protector"/>.</summary>
    void WriteInputs(Utf8JsonWriter json, IWorkflowSecretProtector? protector);

    /// <summary>Writes what the steps have produced, and the end the run reached, as one JSON object.</summary>
    void WriteResults(Utf8JsonWriter json, IWorkflowSecretProtector? protector);

    /// <summary>Restores what <see cref="WriteResults"/> wrote.</summary>
    void ReadResults(JsonElement results, IWorkflowSecretProtector? protector);
}

/// <summary>Where a run starts: a new or resumed run at a step (its index in the workflow), or a run that had already finished.</summary>
internal readonly record struct RunStart(int StepIndex, bool Finished);
