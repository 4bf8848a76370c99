using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Workflow.Host.Tests.Api.Contract;

/// <summary>
/// Property: whatever request the OpenAPI document allows one to build — any operation, any role, parameters and
/// bodies drawn from the declared schemas and just outside them (wrong types, numbers for enum names, comma lists,
/// missing and null fields, odd text) — the app answers inside the document and never with a 5xx. Bounded:
/// <see cref="Requests"/> requests, each built from one FsCheck-drawn seed (a failure names the seed to replay).
/// </summary>
public sealed class OpenApiFuzzTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const int Requests = 300;
    private static readonly string?[] Users = [null, "admin", "agent1", "frontdesk", "reviewer-zjj", "supervisor", "designer"];
    private static readonly string[] OddTexts = ["", " ", "0", "-1", "1", "99999999999", "A,B", "Submitted,Issued", "null", "true", "x'--", "%E4%B8%AD", "审批", new string('a', 300)];

    [Fact]
    public async Task Requests_drawn_from_the_document_get_documented_answers_and_never_a_5xx()
    {
        var operations = Operations(host.Contract.Document);
        operations.Should().HaveCountGreaterThan(20, "the document lists the API");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in Users.OfType<string>())
            clients[user] = await host.AsUserAsync(user);
        clients[""] = host.Anonymous();

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Requests), Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var (method, template, operation) = operations[random.Next(operations.Count)];
            var user = Users[random.Next(Users.Length)] ?? "";
            using var request = Build(method, template, operation, host.Contract.Document, random);
            HttpResponseMessage response;
            try
            {
                response = clients[user].SendAsync(request).GetAwaiter().GetResult();
            }
            catch (OpenApiContractViolation e)
            {
                throw new InvalidOperationException($"seed {seed}, {user}: {e.Message}");
            }
            ((int)response.StatusCode).Should().BeLessThan(500, $"seed {seed}: {method} {request.RequestUri} as '{user}'");
        }));
    }

    private static List<(string Method, string Template, JsonObject Operation)> Operations(JsonNode document) =>
        [.. document["paths"]!.AsObject()
            .Where(p => p.Key != "/api/auth/token") // guessing passwords locks the fuzzed users out (docs/deployment.md)
            .SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!.AsObject())))];

    private static HttpRequestMessage Build(string method, string template, JsonObject operation, JsonNode document, Random random)
    {
        var path = template;
        var query = new List<string>();
        var request = new HttpRequestMessage(new HttpMethod(method), "/");
        foreach (var parameter in operation["parameters"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var name = parameter["name"]!.GetValue<string>();
            var value = ValueText(Resolve(parameter["schema"], document), document, random);
            switch (parameter["in"]!.GetValue<string>())
            {
                case "path": path = path.Replace("{" + name + "}", Uri.EscapeDataString(value == "" ? "x" : value)); break;
                case "query" when random.Next(3) > 0: query.Add($"{name}={Uri.EscapeDataString(value)}"); break;
                case "header" when random.Next(2) > 0: request.Headers.TryAddWithoutValidation(name, value); break;
            }
        }
        request.RequestUri = new Uri(path + (query.Count > 0 ? "?" + string.Join("&", query) : ""), UriKind.Relative);
        if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } bodySchema)
        {
            var body = random.Next(10) switch
            {
                0 => "{",                                   // not JSON
                1 => "[]",                                  // another JSON type
                _ => Value(Resolve(bodySchema, document), document, random, depth: 0)?.ToJsonString() ?? "null",
            };
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = random.Next(12) == 0 ? new MediaTypeHeaderValue("text/plain") : new MediaTypeHeaderValue("application/json");
        }
        return request;
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonNode document)
    {
        for (var i = 0; i < 10 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
            schema = document["components"]!["schemas"]![reference[(reference.LastIndexOf('/') + 1)..]];
        if (schema?["oneOf"] is JsonArray branches)
            return Resolve(branches.LastOrDefault(), document);
        return schema;
    }

    /// <summary>A value for the schema, or (now and then) one just outside it.</summary>
    private static JsonNode? Value(JsonNode? schema, JsonNode document, Random random, int depth)
    {
        if (random.Next(12) == 0) return null;
        if (random.Next(12) == 0) return JsonValue.Create(OddTexts[random.Next(OddTexts.Length)]);
        var type = Types(schema);
        if (type.Contains("object") && depth < 3)
        {
            var result = new JsonObject();
            foreach (var (name, property) in schema?["properties"]?.AsObject() ?? [])
                if (random.Next(4) > 0)
                    result[name] = Value(Resolve(property, document), document, random, depth + 1);
            return result;
        }
        if (type.Contains("array") && depth < 3)
            return new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(Resolve(schema?["items"], document), document, random, depth + 1))]);
        if (type.Contains("integer")) return JsonValue.Create(random.Next(4) == 0 ? long.MaxValue : random.Next(-3, 600));
        if (type.Contains("boolean")) return JsonValue.Create(random.Next(2) == 0);
        return JsonValue.Create(ValueText(schema, document, random));
    }

    private static string ValueText(JsonNode? schema, JsonNode document, Random random)
    {
        if (random.Next(5) == 0) return OddTexts[random.Next(OddTexts.Length)];
        if (schema?["enum"] is JsonArray names && names.Count > 0) return names[random.Next(names.Count)]!.ToString();
        var type = Types(schema);
        if (type.Contains("integer")) return random.Next(-3, 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (type.Contains("boolean")) return random.Next(2) == 0 ? "true" : "false";
        return schema?["format"]?.GetValue<string>() switch
        {
            "date" => $"2025-{random.Next(1, 14):00}-{random.Next(1, 32):00}",
            "date-time" => "2025-09-26T10:00:00+08:00",
            _ => new[] { "ZJJ-002", "zjj", "frontdesk", "all", "C0", "P0", "stage-1-project-approval", "APP", "测试" }[random.Next(9)],
        };
    }

    private static HashSet<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };
}
