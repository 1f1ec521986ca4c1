using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using ArazzoGen.Workflows.Tests.Workflows;
using NSubstitute;

namespace ArazzoGen.Workflows.Tests;

/// <summary>
/// workflows/kms-envelope.arazzo.yaml on a fake KMS client: the SDK receives the members the API's
/// names mean, blobs decoded from base64, and one KeyId for the path parameter and the body key.
/// </summary>
public class KmsWireNameTests
{
    [Fact]
    public async Task Base64_text_reaches_the_SDK_as_bytes_and_a_blob_output_flows_into_the_next_request()
    {
        var kms = Substitute.For<IAmazonKeyManagementService>();
        var ciphertext = new MemoryStream([1, 2, 3]);
        kms.EncryptAsync(Arg.Any<EncryptRequest>(), Arg.Any<CancellationToken>()).Returns(new EncryptResponse { CiphertextBlob = ciphertext, HttpStatusCode = System.Net.HttpStatusCode.OK });
        kms.DecryptAsync(Arg.Any<DecryptRequest>(), Arg.Any<CancellationToken>()).Returns(new DecryptResponse { Plaintext = new MemoryStream(Encoding.UTF8.GetBytes("secret")), HttpStatusCode = System.Net.HttpStatusCode.OK });
        kms.SignAsync(Arg.Any<SignRequest>(), Arg.Any<CancellationToken>()).Returns(new SignResponse { Signature = new MemoryStream([9]), HttpStatusCode = System.Net.HttpStatusCode.OK });
        var workflow = new KmsRoundTripWorkflow(new KmsRoundTripWorkflow.Clients(kms));

        var outputs = await workflow.RunAsync(new KmsRoundTripWorkflow.Inputs { KeyId = "alias/app", Plaintext = Convert.ToBase64String(Encoding.UTF8.GetBytes("secret")) });

        await kms.Received(1).EncryptAsync(
            Arg.Is<EncryptRequest>(r => r.KeyId == "alias/app" && Encoding.UTF8.GetString(r.Plaintext.ToArray()) == "secret" && r.EncryptionAlgorithm == EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT),
            Arg.Any<CancellationToken>());
        await kms.Received(1).DecryptAsync(Arg.Is<DecryptRequest>(r => r.CiphertextBlob == ciphertext && r.KeyId == "alias/app"), Arg.Any<CancellationToken>());
        await kms.Received(1).SignAsync(
            Arg.Is<SignRequest>(r => Encoding.UTF8.GetString(r.Message.ToArray()) == "hello" && r.MessageType == MessageType.RAW && r.SigningAlgorithm == SigningAlgorithmSpec.RSASSA_PSS_SHA_256),
            Arg.Any<CancellationToken>());
        Assert.Equal("secret", Encoding.UTF8.GetString(outputs.Plaintext!.ToArray()));
    }

    [Fact]
    public async Task Text_that_is_not_base64_fails_the_step_before_any_call_names_the_member_and_not_the_value()
    {
        var kms = Substitute.For<IAmazonKeyManagementService>();
        var workflow = new KmsRoundTripWorkflow(new KmsRoundTripWorkflow.Clients(kms));

        var failure = await Assert.ThrowsAsync<ArazzoGen.Runtime.WorkflowStepFailedException>(
            () => workflow.RunAsync(new KmsRoundTripWorkflow.Inputs { KeyId = "alias/app", Plaintext = "not base64 at all!" }));

        Assert.Equal("encrypt", failure.StepId);
        Assert.Contains("EncryptRequest.Plaintext expects base64 text", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not base64 at all!", failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(kms.ReceivedCalls());
    }
}
