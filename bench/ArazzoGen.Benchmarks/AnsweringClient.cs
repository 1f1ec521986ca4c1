using System.Reflection;
using System.Reflection.Emit;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// A fake SDK client that costs what a hand-written one would: a class compiled at run time
/// (Reflection.Emit) whose answered methods each return one stored task or call one stored
/// delegate, and whose other methods throw. A <see cref="DispatchProxy"/> would pack every call's
/// arguments into an array and box the cancellation token, and those bytes and that time would be
/// billed to whichever caller the JIT could not spare them in. The interfaces have hundreds of
/// members, hence no hand-written class.
/// </summary>
internal static class AnsweringClient
{
    private static readonly ModuleBuilder Module = AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("ArazzoGen.Benchmarks.AnsweringClients"), AssemblyBuilderAccess.Run)
        .DefineDynamicModule("AnsweringClients");

    /// <summary>
    /// A <typeparamref name="TClient"/> whose methods named in <paramref name="answers"/> answer every call
    /// with that task, or with what that delegate (of the method's own parameters) returns; methods
    /// that return nothing (Dispose) do nothing, and the others throw.
    /// </summary>
    public static TClient Create<TClient>(IReadOnlyDictionary<string, object> answers)
        where TClient : class
    {
        var type = Module.DefineType($"{typeof(TClient).Name}Answering{Guid.NewGuid():N}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class);
        type.AddInterfaceImplementation(typeof(TClient));
        var fields = new Dictionary<string, FieldBuilder>(StringComparer.Ordinal);
        var unanswered = typeof(NotSupportedException).GetConstructor([typeof(string)])!;
        foreach (var method in Members(typeof(TClient)))
        {
            var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
            var implementation = type.DefineMethod(
                method.DeclaringType!.FullName + "." + method.Name,
                MethodAttributes.Private | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot | MethodAttributes.Virtual,
                method.ReturnType,
                parameters);
            var il = implementation.GetILGenerator();
            if (answers.TryGetValue(method.Name, out var answer) && method.ReturnType.IsInstanceOfType(answer) && !fields.ContainsKey(method.Name))
            {
                var field = type.DefineField("_" + method.Name, method.ReturnType, FieldAttributes.Private | FieldAttributes.Static);
                fields.Add(method.Name, field);
                il.Emit(OpCodes.Ldsfld, field);
            }
            else if (answer is Delegate answering && Answers(answering, method) && !fields.ContainsKey(method.Name))
            {
                var field = type.DefineField("_" + method.Name, answering.GetType(), FieldAttributes.Private | FieldAttributes.Static);
                fields.Add(method.Name, field);
                il.Emit(OpCodes.Ldsfld, field);
                for (var i = 1; i <= parameters.Length; i++)
                {
                    il.Emit(OpCodes.Ldarg_S, (byte)i);
                }

                il.Emit(OpCodes.Callvirt, answering.GetType().GetMethod("Invoke")!);
            }
            else if (method.ReturnType != typeof(void))
            {
                il.Emit(OpCodes.Ldstr, method.Name + " is not answered by this fake client.");
                il.Emit(OpCodes.Newobj, unanswered);
                il.Emit(OpCodes.Throw);
            }

            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(implementation, method);
        }

        var missing = answers.Keys.Except(fields.Keys).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{typeof(TClient).Name} has no method {string.Join(", ", missing)}.", nameof(answers));
        }

        var built = type.CreateType();
        foreach (var (name, answer) in answers)
        {
            built.GetField("_" + name, BindingFlags.NonPublic | BindingFlags.Static)!.SetValue(null, answer);
        }

        return (TClient)Activator.CreateInstance(built)!;
    }

    /// <summary>True when <paramref name="answering"/> takes <paramref name="method"/>'s parameters and returns what it returns.</summary>
    private static bool Answers(Delegate answering, MethodInfo method)
    {
        var invoke = answering.GetType().GetMethod("Invoke")!;
        return invoke.ReturnType == method.ReturnType
            && invoke.GetParameters().Select(p => p.ParameterType).SequenceEqual(method.GetParameters().Select(p => p.ParameterType));
    }

    /// <summary>The instance methods a class implementing <paramref name="client"/> must have (static and default members excluded).</summary>
    private static IEnumerable<MethodInfo> Members(Type client) =>
        new[] { client }.Concat(client.GetInterfaces())
            .SelectMany(i => i.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            .Where(m => m.IsAbstract);
}
