using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Documents;

namespace ArazzoGen.Runtime.Durable;

/// <summary>
/// Writes and reads the values of a checkpoint. Generated code composes these per type (lists, maps and
/// SDK structures get methods of their own next to each workflow), so nothing is serialised by
/// reflection. Absent and null read the same: null.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StateJson
{
    /// <summary>The property <paramref name="name"/> of an object, or an undefined element when it has none.</summary>
    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

#pragma warning disable CS1591 // One writer and one reader per kind of value; the names say which.
    public static void Write(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }

    public static void Write(Utf8JsonWriter json, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    public static void Write(Utf8JsonWriter json, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumberValue(number);
        }
        else
        {
            // NaN and infinities have no JSON number; the text round-trips.
            Write(json, value?.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    public static void Write(Utf8JsonWriter json, bool? value)
    {
        if (value is { } flag)
        {
            json.WriteBooleanValue(flag);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    public static void Write(Utf8JsonWriter json, DateTime? value)
    {
        if (value is { } time)
        {
            json.WriteStringValue(time);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    public static void WriteConstant(Utf8JsonWriter json, ConstantClass? value) => Write(json, value?.Value);

    public static void Write(Utf8JsonWriter json, MemoryStream? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteBase64StringValue(value.ToArray());
        }
    }

    public static void Write(Utf8JsonWriter json, Document? value)
    {
        if (value is not { } document || document.IsNull())
        {
            json.WriteNullValue();
        }
        else if (document.IsBool())
        {
            json.WriteBooleanValue(document.AsBool());
        }
        else if (document.IsInt())
        {
            json.WriteNumberValue(document.AsInt());
        }
        else if (document.IsLong())
        {
            json.WriteNumberValue(document.AsLong());
        }
        else if (document.IsDouble())
        {
            Write(json, (double?)document.AsDouble());
        }
        else if (document.IsString())
        {
            json.WriteStringValue(document.AsString());
        }
        else if (document.IsList())
        {
            json.WriteStartArray();
            foreach (var item in document.AsList())
            {
                Write(json, item);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteStartObject();
            foreach (var pair in document.AsDictionary())
            {
                json.WritePropertyName(pair.Key);
                Write(json, pair.Value);
            }

            json.WriteEndObject();
        }
    }

    public static void WriteList<T>(Utf8JsonWriter json, List<T>? list, Action<Utf8JsonWriter, T> write)
    {
        if (list is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartArray();
        foreach (var item in list)
        {
            write(json, item);
        }

        json.WriteEndArray();
    }

    public static void WriteMap<T>(Utf8JsonWriter json, Dictionary<string, T>? map, Action<Utf8JsonWriter, T> write)
    {
        if (map is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        foreach (var pair in map)
        {
            json.WritePropertyName(pair.Key);
            write(json, pair.Value);
        }

        json.WriteEndObject();
    }

    public static string? String(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    public static int? Int(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetInt32() : null;

    public static long? Long(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetInt64() : null;

    public static double? Double(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => double.Parse(element.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => null,
    };

    public static float? Float(JsonElement element) => (float?)Double(element);

    public static bool? Bool(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : null;

    public static DateTime? DateTime(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetDateTime() : null;

    public static MemoryStream? Stream(JsonElement element) => element.ValueKind == JsonValueKind.String ? new MemoryStream(element.GetBytesFromBase64()) : null;

    public static T? Constant<T>(JsonElement element, Func<string, T> find)
        where T : ConstantClass =>
        String(element) is { } value ? find(value) : null;

    public static T? Enum<T>(JsonElement element)
        where T : struct, Enum =>
        String(element) is { } value ? System.Enum.Parse<T>(value) : null;

    public static Document? Document(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => (Document?)null,
        JsonValueKind.True or JsonValueKind.False => new Document(element.GetBoolean()),
        JsonValueKind.Number when element.TryGetInt32(out var i) => new Document(i),
        JsonValueKind.Number when element.TryGetInt64(out var l) => new Document(l),
        JsonValueKind.Number => new Document(element.GetDouble()),
        JsonValueKind.String => new Document(element.GetString()),
        JsonValueKind.Array => new Document(element.EnumerateArray().Select(e => Document(e) ?? new Document()).ToList()),
        _ => new Document(element.EnumerateObject().ToDictionary(p => p.Name, p => Document(p.Value) ?? new Document())),
    };

    public static List<T>? ReadList<T>(JsonElement element, Func<JsonElement, T> read) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().Select(read).ToList() : null;

    public static Dictionary<string, T>? ReadMap<T>(JsonElement element, Func<JsonElement, T> read) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().ToDictionary(p => p.Name, p => read(p.Value), StringComparer.Ordinal) : null;
#pragma warning restore CS1591

    /// <summary>A value of a type checkpoints cannot hold (a live stream, an untyped node list): the durable run stops here, naming it.</summary>
    public static void NotKept(string what) =>
        throw new NotSupportedException($"{what} cannot be kept in a checkpoint, so this workflow cannot run durably (WorkflowOptions.Store); run it without a store.");

    /// <summary>
    /// A secret: encrypted by <paramref name="protector"/>, or left out (marked withheld) without one.
    /// </summary>
    public static void WriteSecret(Utf8JsonWriter json, IWorkflowSecretProtector? protector, Action<Utf8JsonWriter> write)
    {
        json.WriteStartObject();
        if (protector is null)
        {
            json.WriteBoolean("withheld", true);
        }
        else
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var inner = new Utf8JsonWriter(buffer))
            {
                write(inner);
            }

            json.WriteString("protected", protector.Protect(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)));
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// A secret written by <see cref="WriteSecret"/>, decrypted; <see cref="WorkflowSecretWithheldException"/>
    /// when it was left out, or when it was protected and no protector is given now.
    /// </summary>
    public static JsonElement ReadSecret(JsonElement element, IWorkflowSecretProtector? protector, string what)
    {
        if (String(Property(element, "protected")) is { } stored && protector is not null)
        {
            using var document = JsonDocument.Parse(protector.Unprotect(stored));
            return document.RootElement.Clone();
        }

        throw new WorkflowSecretWithheldException(what);
    }
}

/// <summary>
/// A checkpoint left a secret out (no <see cref="WorkflowOptions.SecretProtector"/> when it was written,
/// or none now to read it), so the run cannot continue from it alone.
/// </summary>
public sealed class WorkflowSecretWithheldException : InvalidOperationException
{
    /// <summary>Creates the exception for the secret <paramref name="what"/>.</summary>
    public WorkflowSecretWithheldException(string what)
        : base($"The checkpoint does not hold {what}: secrets are stored only through WorkflowOptions.SecretProtector. Pass the inputs again (RunAsync(inputs, runId)), or set the protector the run was written with.")
    {
        What = what;
    }

    /// <summary>Which secret.</summary>
    public string What { get; }
}
