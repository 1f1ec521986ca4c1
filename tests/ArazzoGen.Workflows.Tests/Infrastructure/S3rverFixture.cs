using ArazzoGen.Testing;
using Amazon.Runtime;
using Amazon.S3;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>
/// s3rver (an S3 implementation, npm) on a free loopback port with its own empty data folder, for
/// end-to-end tests of the real AWSSDK.S3 client over HTTP (path-style addressing).
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("arazzogen-s3rver-").FullName;
    private readonly NodeServer _server;

    public S3rverFixture()
    {
        var data = _data;
        _server = new NodeServer(
            "s3rver",
            // s3rver's continuation tokens use DES, which Node's OpenSSL 3 has only in its legacy provider.
            port => $"--openssl-legacy-provider \"{Path.Combine("node_modules", "s3rver", "bin", "s3rver.js")}\" --port {port} --address 127.0.0.1 --directory \"{data}\" --silent");
    }

    public AmazonS3Client CreateClient() =>
        new(
            new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config
            {
                ServiceURL = $"http://127.0.0.1:{_server.Port}",
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                // s3rver predates the SDK's default trailing checksums (aws-chunked bodies).
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                HttpClientFactory = new S3rverCompatibility(),
            });

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync()
    {
        _server.Dispose();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Two things the real S3 accepts and s3rver does not, undone on the way to s3rver only (what the
    /// SDK built is otherwise sent as it is): the SDK sends x-amz-copy-source percent-encoded, its '/'
    /// as %2F, which s3rver's decodeURI leaves alone (and then finds no bucket); and over HTTP it
    /// streams bodies as aws-chunked, which s3rver would store frame and all.
    /// </summary>
    private sealed class S3rverCompatibility : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Handler { InnerHandler = new HttpClientHandler() });

        private sealed class Handler : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Headers.TryGetValues("x-amz-copy-source", out var values))
                {
                    var value = values.Single().Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
                    request.Headers.Remove("x-amz-copy-source");
                    request.Headers.TryAddWithoutValidation("x-amz-copy-source", value);
                }

                if (request.Content is { } content && content.Headers.ContentEncoding.Contains("aws-chunked"))
                {
                    var body = Unchunk(await content.ReadAsByteArrayAsync(cancellationToken));
                    var plain = new ByteArrayContent(body);
                    foreach (var header in content.Headers.Where(h => h.Key is not ("Content-Length" or "Content-Encoding")))
                    {
                        plain.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }

                    request.Content = plain;
                }

                return await base.SendAsync(request, cancellationToken);
            }

            /// <summary>aws-chunked: "hex-size;chunk-signature=...\r\n" data "\r\n", ending with a chunk of size 0.</summary>
            private static byte[] Unchunk(byte[] framed)
            {
                var body = new MemoryStream();
                var at = 0;
                while (at < framed.Length)
                {
                    var lineEnd = Array.IndexOf(framed, (byte)'\n', at);
                    var header = System.Text.Encoding.ASCII.GetString(framed, at, lineEnd - at).TrimEnd('\r');
                    var size = Convert.ToInt32(header.Split(';')[0], 16);
                    if (size == 0)
                    {
                        break;
                    }

                    body.Write(framed, lineEnd + 1, size);
                    at = lineEnd + 1 + size + 2;
                }

                return body.ToArray();
            }
        }
    }
}
