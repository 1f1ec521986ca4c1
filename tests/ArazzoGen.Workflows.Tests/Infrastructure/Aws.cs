using System.Net;
using Amazon.Runtime;

namespace ArazzoGen.Workflows.Tests.Infrastructure;

/// <summary>Responses and errors as the AWS SDK produces them.</summary>
public static class Aws
{
    /// <summary>A successful response (the SDK sets HttpStatusCode; a bare new() would say 0).</summary>
    public static Task<T> Ok<T>(T response)
        where T : AmazonWebServiceResponse
    {
        response.HttpStatusCode = HttpStatusCode.OK;
        response.ResponseMetadata = new ResponseMetadata { RequestId = "req-" + typeof(T).Name };
        return Task.FromResult(response);
    }

    /// <summary>A failed call, as the SDK throws it.</summary>
    public static Task<T> Fail<T>(AmazonServiceException error) => Task.FromException<T>(error);

    public static TException Error<TException>(string errorCode, HttpStatusCode status = HttpStatusCode.BadRequest)
        where TException : AmazonServiceException =>
        (TException)Activator.CreateInstance(typeof(TException), $"{errorCode}: simulated", ErrorType.Sender, errorCode, "req-error", status)!;
}
