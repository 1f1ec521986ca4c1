using ArazzoGen.Helpers;

namespace ArazzoGen.Bind.Model;

/// <summary>
/// What a durable run's checkpoints hold beyond simple values: the SDK structures its inputs and step
/// results contain, each with the members written and read back. <see cref="Version"/> names this
/// shape; a checkpoint written under another one is not resumed.
/// </summary>
internal sealed record StateModel(string Version, EquatableArray<StateStructure> Structures);

/// <summary>An SDK structure in checkpoints: its type, the name of its writer and reader methods, its members.</summary>
internal sealed record StateStructure(TypeRef Type, string MethodSuffix, EquatableArray<StateMember> Members);

internal sealed record StateMember(string Property, TypeRef Type);

/// <summary>
/// How a run resumed inside a create step finds out whether the process before it already created
/// the resource: the Describe/Get call keyed by the same name, and the step's outputs read from its answer.
/// </summary>
/// <param name="SdkMethod">The read call, e.g. DescribeTrainingJobAsync.</param>
/// <param name="RequestType">Its request type.</param>
/// <param name="Keys">The request members copied from the create request (the names this run sent).</param>
/// <param name="Outputs">The step's outputs, bound against the read call's response.</param>
/// <param name="MethodName">The Run method that reads back, unique among the Run's step methods.</param>
internal sealed record ReadBack(string SdkMethod, string RequestType, EquatableArray<string> Keys, EquatableArray<BoundValue> Outputs, string MethodName = "");
