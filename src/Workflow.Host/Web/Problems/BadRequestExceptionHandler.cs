using Workflow.Host.Web.Localization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Workflow.Host.Web.Problems;

/// <summary>
/// Turns every exception that reaches the pipeline into RFC 7807 problem details without a stack trace: a request the
/// framework could not read (bad JSON, missing body, a route value of the wrong type) is a 400 naming the field at
/// fault under <c>errors</c>; anything else is a 500 whose detail says nothing internal.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            var json = FindJsonException(bad);
            var field = json?.Path is { Length: > 0 } path ? FieldName(path) : "body";
            var message = json is null ? bad.Message : Ui.T($"请求体不是此接口可读的 JSON：{FirstLine(json.Message)}", $"The request body is not valid JSON for this endpoint: {FirstLine(json.Message)}");
            context.Response.StatusCode = bad.StatusCode;
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = Ui.T("无法读取请求。", "The request could not be read."),
                Detail = message,
            };
        }
        else
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = Ui.T("发生了意外错误。", "An unexpected error occurred."),
                Detail = Ui.T("服务器已记录此错误；请求未完成。", "The server logged the error; the request was not completed."),
            };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
            if (e is JsonException json)
                return json;
        return null;
    }

    /// <summary>"$.missingMaterials[0].code" → "missingMaterials[0].code"; "$" → "body".</summary>
    private static string FieldName(string jsonPath)
    {
        var name = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return name.Length == 0 ? "body" : name;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
