namespace ArazzoGen.Runtime.Durable;

/// <summary>
/// Encrypts the secrets a durable run would otherwise leave out of its checkpoints (inputs the
/// workflow marks secret, and step outputs derived from them). Without one, secrets are never
/// stored: resuming such a run needs its inputs again (<c>RunAsync(inputs, runId)</c>). An adapter
/// over ASP.NET Core's <c>IDataProtector</c> or a KMS data key fits here.
/// </summary>
public interface IWorkflowSecretProtector
{
    /// <summary>The stored form of <paramref name="plaintext"/>.</summary>
    string Protect(string plaintext);

    /// <summary>The secret back from its stored form.</summary>
    string Unprotect(string protectedText);
}
