namespace Workflow.Host.Tests.Api.Contract;

/// <summary>
/// Checks every answer a test client receives against the app's OpenAPI document (<see cref="OpenApiContract"/>) and
/// fails the call — and so the test that made it — with the violations. Every Host test that uses
/// <see cref="HostFactory"/> clients therefore checks the contract of each API answer it sees.
/// </summary>
public sealed class ContractCheckingHandler(Func<OpenApiContract> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/openapi/v1.json" || contract().TemplateOf(path) is null) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var violations = contract().Check(request.Method.Method, path, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
        if (violations.Count > 0)
            throw new OpenApiContractViolation(violations);
        return response;
    }
}

/// <summary>An answer the OpenAPI document does not describe.</summary>
public sealed class OpenApiContractViolation(IReadOnlyList<string> violations)
    : Exception("The answer is outside the OpenAPI document:\n" + string.Join("\n", violations.Take(20)))
{
    public IReadOnlyList<string> Violations { get; } = violations;
}
