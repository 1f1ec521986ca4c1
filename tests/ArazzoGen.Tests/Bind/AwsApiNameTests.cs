using ArazzoGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Tests.Bind;

/// <summary>
/// Workflows written against the AWS API, as public Arazzo workflows for AWS are (operation names,
/// wire names, locations, raw bodies and base64 blobs of the API, not the .NET SDK's), compile
/// against the real AWSSDK.S3 and AWSSDK.KeyManagementService with no attribute.
/// </summary>
public class AwsApiNameTests
{
    private const string Header = """
        arazzo: 1.0.1
        info:
          title: API names
          version: 1.0.0
        sourceDescriptions:
        - name: s3
          url: ./s3-openapi.yaml
          type: openapi
        workflows:

        """;

    private const string S3Workflow = Header + """
        - workflowId: s3-objects
          inputs:
            type: object
            required: [bucket, key, body]
            properties:
              bucket:
                type: string
              key:
                type: string
              body:
                type: string
          steps:
          - stepId: createBucket
            operationId: CreateBucket
            parameters:
            - name: Bucket
              in: path
              value: $inputs.bucket
          - stepId: putObject
            operationId: PutObject
            parameters:
            - name: Bucket
              in: path
              value: $inputs.bucket
            - name: Key+
              in: path
              value: $inputs.key
            - name: Content-Type
              in: header
              value: text/plain
            requestBody:
              contentType: text/plain
              payload: $inputs.body
            outputs:
              etag: $response.header.ETag
          - stepId: headObject
            operationId: HeadObject
            parameters:
            - name: Bucket
              in: path
              value: $inputs.bucket
            - name: Key
              in: path
              value: $inputs.key
            successCriteria:
            - condition: $statusCode == 200
            outputs:
              length: $response.header.Content-Length
              etag: $response.body#/ETag
          - stepId: copyObject
            operationPath: '{$sourceDescriptions.s3.url}#/paths/~1{Bucket}~1{Key+}?x-id=CopyObject/put'
            parameters:
            - name: Bucket
              in: path
              value: $inputs.bucket
            - name: Key
              in: path
              value: copy.txt
            - name: x-amz-copy-source
              in: header
              value: '{$inputs.bucket}/{$inputs.key}'
            - name: x-amz-metadata-directive
              in: header
              value: COPY
          - stepId: listObjects
            operationPath: '{$sourceDescriptions.s3.url}#/paths/~1{Bucket}?list-type=2/get'
            parameters:
            - name: Bucket
              in: path
              value: $inputs.bucket
            - name: list-type
              in: query
              value: '2'
            - name: max-keys
              in: query
              value: '1'
            - name: continuation-token
              in: query
              value: $steps.listObjects.outputs.next
            outputs:
              next: $response.body#/NextContinuationToken
              first: $response.body#/Contents/0/Key
              truncated: $response.body#/IsTruncated
            onSuccess:
            - name: nextPage
              type: goto
              stepId: listObjects
              criteria:
              - condition: $response.body#/IsTruncated == true
          - stepId: deleteObjects
            operationId: DeleteObjects
            parameters:
            - name: Bucket
              in: path
              value: $inputs.bucket
            requestBody:
              payload:
                Delete:
                  Objects:
                  - Key: $inputs.key
                  - Key: copy.txt
                  Quiet: false
            outputs:
              deleted: $response.body#/Deleted/0/Key
          - stepId: lifecycle
            operationId: PutBucketLifecycleConfiguration
            parameters:
            - name: Bucket
              in: path
              value: $inputs.bucket
            requestBody:
              payload:
                LifecycleConfiguration:
                  Rule:
                  - ID: expire-old
                    Status: Enabled
                    Expiration:
                      Days: 30
          outputs:
            etag: $steps.putObject.outputs.etag
            first: $steps.listObjects.outputs.first
            deleted: $steps.deleteObjects.outputs.deleted

        """;

    private const string KmsWorkflow = """
        arazzo: 1.0.1
        info:
          title: KMS
          version: 1.0.0
        sourceDescriptions:
        - name: kms
          url: ./kms-openapi.yaml
          type: openapi
        workflows:
        - workflowId: encrypt-decrypt
          inputs:
            type: object
            required: [keyId]
            properties:
              keyId:
                type: string
          steps:
          - stepId: encrypt
            operationPath: '{$sourceDescriptions.kms.url}#/paths/~1#X-Amz-Target=TrentService.Encrypt/post'
            parameters:
            - name: KeyId
              in: path
              value: $inputs.keyId
            requestBody:
              payload:
                KeyId: $inputs.keyId
                Plaintext: SGVsbG8sIEtNUw==
                EncryptionAlgorithm: SYMMETRIC_DEFAULT
            outputs:
              blob: $response.body#/CiphertextBlob
          - stepId: decrypt
            operationId: Decrypt
            requestBody:
              payload:
                CiphertextBlob: $steps.encrypt.outputs.blob
                KeyId: $inputs.keyId
            outputs:
              plaintext: $response.body#/Plaintext
          - stepId: sign
            operationId: Sign
            requestBody:
              payload:
                KeyId: $inputs.keyId
                Message: aGVsbG8=
                MessageType: RAW
                SigningAlgorithm: RSASSA_PSS_SHA_256
          outputs:
            plaintext: $steps.decrypt.outputs.plaintext
        """;

    [Fact]
    public void An_S3_workflow_in_the_APIs_names_compiles_with_no_attribute_and_no_diagnostic()
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/s3.yaml", S3Workflow) }, SdkCompilation.S3AndKms);

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("PutBucketAsync(", source);                       // CreateBucket
        Assert.Contains("GetObjectMetadataAsync(", source);               // HeadObject
        Assert.Contains("BucketName = _inputs.Bucket", source);           // path parameter Bucket
        Assert.Contains("InputStream = global::ArazzoGen.Runtime.Wire.RawText(_inputs.Body", source); // raw body
        Assert.Contains("ContentType = \"text/plain\"", source);          // header Content-Type
        Assert.Contains("DestinationBucket = _inputs.Bucket", source);    // CopyObject's Bucket
        Assert.Contains("DestinationKey = \"copy.txt\"", source);
        Assert.Contains("SourceBucket = global::ArazzoGen.Runtime.Wire.CopySourceBucket(", source);
        Assert.Contains("SourceKey = global::ArazzoGen.Runtime.Wire.CopySourceKey(", source);
        Assert.Contains("MetadataDirective = global::Amazon.S3.S3MetadataDirective.COPY", source); // a C# enum from a string
        Assert.Contains("ListObjectsV2Async(", source);                   // GET /{Bucket}?list-type=2
        Assert.Contains("MaxKeys = 1", source);                           // max-keys, a number written as text
        Assert.Contains("ContinuationToken = ", source);
        Assert.DoesNotContain("ListType", source);                        // list-type is the operation, not a member
        Assert.Contains("JsonPointer.At(response.S3Objects, 0)?.Key", source); // Contents
        Assert.Contains("Objects = new global::System.Collections.Generic.List<global::Amazon.S3.Model.KeyVersion>", source); // Delete.Objects, inlined
        Assert.Contains("JsonPointer.At(response.DeletedObjects, 0)?.Key", source); // Deleted
        Assert.Matches(@"Configuration = new global::Amazon.S3.Model.LifecycleConfiguration\s*\{\s*Rules = new", source); // LifecycleConfiguration.Rule
        Assert.Contains("PutLifecycleConfigurationAsync(", source);
    }

    [Fact]
    public void Response_headers_the_model_maps_to_members_are_read_from_them()
    {
        var (run, _) = SdkCompilation.Generate(new[] { ("/w/s3.yaml", S3Workflow) }, SdkCompilation.S3AndKms);

        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("response.ETag", source);          // $response.header.ETag of PutObject
        Assert.Contains("response.ContentLength", source); // $response.header.Content-Length of HeadObject
    }

    [Fact]
    public void A_KMS_workflow_with_a_path_KeyId_and_base64_blobs_compiles_with_no_diagnostic()
    {
        var (run, output) = SdkCompilation.Generate(new[] { ("/w/kms.yaml", KmsWorkflow) }, SdkCompilation.S3AndKms);

        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("Plaintext = global::ArazzoGen.Runtime.Wire.Base64(\"SGVsbG8sIEtNUw==\"", source);
        Assert.Contains("Message = global::ArazzoGen.Runtime.Wire.Base64(\"aGVsbG8=\"", source);
        Assert.Contains("CiphertextBlob = _encrypt.Blob", source);
    }

    /// <summary>(the text that is right, the text that is wrong, the error, part of its message).</summary>
    public static readonly TheoryData<string, string, string, string> Broken = new()
    {
        { "value: COPY", "value: COPYY", "ARZ1009", "did you mean 'COPY'" },
        { "Plaintext: SGVsbG8sIEtNUw==", "Plaintext: not base64!", "ARZ1009", "expected base64 text" },
        { "value: '1'\n    - name: continuation-token", "value: 'ten'\n    - name: continuation-token", "ARZ1009", "cannot hold the string 'ten'" },
        { "name: list-type\n      in: query\n      value: '2'", "name: list-type\n      in: query\n      value: '1'", "ARZ1031", "would be another operation" },
        { "name: Key\n      in: path\n      value: $inputs.key\n    successCriteria", "name: Kye\n      in: path\n      value: $inputs.key\n    successCriteria", "ARZ1005", "did you mean 'Key'" },
        { "~1{Bucket}~1{Key+}?x-id=CopyObject/put", "~1{Bucket}~1{Key+}/patch", "ARZ1012", "no operation of S3 is bound to PATCH /{Bucket}/{Key+}" },
        { "etag: $response.header.ETag", "etag: $response.header.ETagg", "ARZ1010", "did you mean 'ETag'" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_wrong_API_name_or_wire_value_is_an_error_that_names_what_is_meant(string good, string bad, string id, string message)
    {
        var workflow = S3Workflow.Contains(good, StringComparison.Ordinal) ? S3Workflow : KmsWorkflow;
        Assert.Contains(good, workflow, StringComparison.Ordinal);

        var (run, _) = SdkCompilation.Generate(new[] { ("/w/api.yaml", workflow.Replace(good, bad, StringComparison.Ordinal)) }, SdkCompilation.S3AndKms);

        var diagnostic = Assert.Single(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id == id));
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }
}
