using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Workflow.Host.Tests.Browser;

/// <summary>Every request a page makes to <c>/elsa/api</c>, with its answer's status and whether it carried a bearer token.</summary>
public sealed class StudioRequestLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public StudioRequestLog(IPage page)
    {
        page.Response += (_, response) =>
        {
            var url = new Uri(response.Url);
            if (!url.AbsolutePath.StartsWith("/elsa/api", StringComparison.Ordinal))
                return;
            var bearer = response.Request.Headers.TryGetValue("authorization", out var auth) && auth.StartsWith("Bearer ", StringComparison.Ordinal);
            _lines.Enqueue($"{response.Request.Method} {url.PathAndQuery} → {response.Status}{(bearer ? "" : " (no bearer token)")}");
        };
    }

    public IReadOnlyList<string> Lines => [.. _lines];
}
