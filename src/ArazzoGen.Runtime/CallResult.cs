using System.ComponentModel;
using Amazon.Runtime;

namespace ArazzoGen.Runtime;

/// <summary>
/// The outcome of one AWS SDK call: the response, or the failure. A failure is an
/// <see cref="AmazonServiceException"/> (it has a status code and an AWS error code) or a
/// transport failure (no answer, so no status code).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.DebuggerNonUserCode]
public readonly struct CallResult<TResponse>
    where TResponse : AmazonWebServiceResponse
{
    internal CallResult(TResponse? response, Exception? error)
    {
        Response = response;
        Error = error;
    }

    /// <summary>The response, when the call succeeded.</summary>
    public TResponse? Response { get; }

    /// <summary>Why the call failed, when it did.</summary>
    public Exception? Error { get; }

    /// <summary>True when the call returned a response.</summary>
    public bool Succeeded => Response is not null;

    /// <summary>
    /// <c>$statusCode</c>: the response's, or the service error's; null when no answer came back, or
    /// when its body could not be read (a 200 cut short tells nothing of what the service did, so it
    /// must not pass for a response with <c>$statusCode == 200</c>).
    /// </summary>
    public int? StatusCode => Response is not null
        ? (int)Response.HttpStatusCode
        : Error is AmazonServiceException { StatusCode: not 0 } service and not AmazonUnmarshallingException ? (int)service.StatusCode : null;

    /// <summary>The AWS error code (<c>$response.body#/__type</c>, <c>x-amzn-ErrorType</c>), e.g. ResourceNotFoundException.</summary>
    public string? ErrorCode => (Error as AmazonServiceException)?.ErrorCode;

    /// <summary>The service error's message (<c>$response.body#/message</c>).</summary>
    public string? ErrorMessage => Error?.Message;

    /// <summary>The AWS request id (<c>x-amzn-RequestId</c>).</summary>
    public string? RequestId => Response?.ResponseMetadata?.RequestId ?? (Error as AmazonServiceException)?.RequestId;
}
