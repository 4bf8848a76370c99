using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflow.CrashTest;

/// <summary>One answer: the status and the parsed body (null when empty or not JSON), and whether it was a replay.</summary>
internal sealed record Answer(HttpStatusCode Status, JsonNode? Body, bool Replayed, string Text);

/// <summary>
/// The hosts of the cluster, addressed in turn. A request that gets no answer (connection refused or reset, timeout:
/// the host was killed) throws <see cref="NoAnswerException"/>; the caller decides whether to send it again.
/// </summary>
internal sealed class Hosts(IReadOnlyList<Uri> addresses) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public int Count => addresses.Count;

    public Uri this[int index] => addresses[((index % addresses.Count) + addresses.Count) % addresses.Count];

    /// <summary>Signs in the demo users once (on the first host); their bearer tokens are good on every host.</summary>
    public async Task SignInAsync(IEnumerable<string> users)
    {
        foreach (var user in users.Distinct())
        {
            var answer = await SendAsync(0, HttpMethod.Post, "/api/auth/token", null, new JsonObject { ["username"] = user, ["password"] = "demo" });
            if (answer.Status != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in of {user}: {(int)answer.Status} {answer.Text}");
            _tokens[user] = answer.Body!["token"]!.GetValue<string>();
        }
    }

    public async Task<Answer> SendAsync(int host, HttpMethod method, string path, string? user, JsonNode? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(this[host], path));
        if (user is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[user]);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? parsed = null;
            if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
            {
                try { parsed = JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
            }
            return new(response.StatusCode, parsed, response.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Contains("true"), text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new NoAnswerException(this[host], e);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The host did not answer (killed, restarting, or too slow): the request may or may not have been applied.</summary>
internal sealed class NoAnswerException(Uri host, Exception inner) : Exception($"no answer from {host}: {inner.Message}", inner);
