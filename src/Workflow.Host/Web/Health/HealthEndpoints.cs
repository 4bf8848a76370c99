using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Web.Health;

/// <summary>
/// Health for load balancers and orchestrators (docs/deployment.md), anonymous: <c>/health/live</c> (the process
/// serves) and <c>/health/ready</c> (the database answers and its schema is this build's; else 503), with
/// <c>/health</c> kept as an alias of live. GET and HEAD answer; every other method is a 405 problem naming them,
/// answered here so that it never meets the sign-in fallback (a redirect to <c>/signin</c>).
/// </summary>
public static class HealthEndpoints
{
    private static readonly string[] Allowed = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        MapAllMethods(app, "/health", "Health", "Answers 200 while the app serves (alias of /health/live).", _ => Task.FromResult(Healthy()));
        MapAllMethods(app, "/health/live", "HealthLive", "Answers 200 while the app serves.", _ => Task.FromResult(Healthy()));
        MapAllMethods(app, "/health/ready", "HealthReady", "Answers 200 when the database answers and its schema is applied; 503 otherwise.", ReadyAsync);
        return app;
    }

    private static void MapAllMethods(IEndpointRouteBuilder app, string path, string name, string summary, Func<HttpContext, Task<IResult>> answer)
    {
        app.MapMethods(path, Allowed, answer).AllowAnonymous().WithTags("Health").WithName(name).WithSummary(summary)
            .Produces<HealthStatus>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.Map(path, (HttpContext context) =>
            {
                context.Response.Headers.Allow = string.Join(", ", Allowed);
                return TypedResults.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed.",
                    detail: $"{path} answers GET and HEAD.");
            })
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Healthy() => TypedResults.Ok(new HealthStatus("Healthy"));

    private static async Task<IResult> ReadyAsync(HttpContext context)
    {
        var state = await context.RequestServices.GetRequiredService<WorkflowDatabase>().CheckAsync(context.RequestAborted);
        return state switch
        {
            WorkflowSchemaState.Current => Healthy(),
            WorkflowSchemaState.Behind => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready.",
                detail: "The database answers but its schema is not this build's: start the app once to migrate it."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready.", detail: "The database cannot be reached."),
        };
    }
}
