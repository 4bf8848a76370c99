using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Host.Tests.Cluster;
using Workflow.Testing;
using static Workflow.Host.Tests.Queueing.QueueHostData;

namespace Workflow.Host.Tests.Queueing;

/// <summary>A host kept on PostgreSQL whatever the run's default (the several-hosts tests are about PostgreSQL).</summary>
public class PostgreSqlHost : HostFactory
{
    public override bool OnPostgreSql => true;
}

/// <summary>
/// The hall's live display (docs/queueing.md, *Live display across hosts*): the board's server-sent events bring a call
/// within a second, also when the call was made on another host of the same database; and numbers stay unique and
/// gapless when the check-ins are spread over two hosts.
/// </summary>
public sealed class QueueDisplayTests
{
    public static IEnumerable<object[]> Providers() => LocalPostgreSql.Providers();

    private static HostFactory First(string provider) => provider == "postgresql" ? new PostgreSqlHost() : new HostFactory();

    /// <summary>Reads the stream's events: each <c>event: board</c> with its data, as it comes.</summary>
    private sealed class BoardStream(HttpResponseMessage response) : IDisposable
    {
        private readonly StreamReader _reader = new(response.Content.ReadAsStream());

        public static async Task<BoardStream> OpenAsync(HostFactory host, string hall)
        {
            // Not the contract-checking client: it would wait for the end of an endless answer.
            var client = host.CreateClient();
            var response = await client.GetAsync($"/api/queue/halls/{hall}/board/stream", HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
            return new BoardStream(response);
        }

        public async Task<JsonElement> NextAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            string? kind = null;
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
                if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind == "board") return JsonDocument.Parse(line[6..]).RootElement.Clone();
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            response.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_call_on_one_host_reaches_the_display_streamed_by_another_within_a_second(string provider)
    {
        using var a = First(provider);
        using var b = new SecondHost(a);
        using var kiosk = b.Anonymous();
        (await WalkInAsync(kiosk, "HQ", "PERMIT", IdNumber(1))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var display = await BoardStream.OpenAsync(a, "HQ");
        (await display.NextAsync(TimeSpan.FromSeconds(10))).GetProperty("version").GetInt64().Should().Be(0, "the stream starts with the board as it is");

        using var clerk = await b.AsUserAsync(Roles.FrontDesk);
        var watch = Stopwatch.StartNew();
        (await clerk.PostAsync("/api/queue/halls/HQ/windows/1/call", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var board = await display.NextAsync(TimeSpan.FromSeconds(5));
        watch.Stop();

        board.GetProperty("current")[0].GetProperty("number").GetString().Should().Be("A001");
        board.GetProperty("version").GetInt64().Should().Be(1);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "the display shows a call within a second");
        Console.WriteLine($"queue display ({provider}, across two hosts): call to event in {watch.Elapsed.TotalMilliseconds:0} ms");
    }

    // PostgreSQL only: that is where several hosts share a database in production (docs/deployment.md); on SQLite the same
    // 500 check-ins run on one host (QueueNumberingTests in the Definitions tests).
    [PostgreSqlFact]
    public async Task Five_hundred_concurrent_check_ins_on_two_hosts_get_distinct_numbers_and_gapless_sequences()
    {
        using var a = new PostgreSqlHost();
        using var b = new SecondHost(a);
        // Each host reads its API document once before the burst (the contract check of every answer needs it).
        _ = (a.Contract, b.Contract);
        string[] halls = ["HQ", "GX", "BJ"];
        (string Code, char Prefix)[] categories = [("PERMIT", 'A'), ("ESTATE", 'B'), ("BUSINESS", 'C')];
        var people = Enumerable.Range(0, 500).Select(i => (Id: IdNumber(i), Hall: halls[i % 3], Category: categories[i / 3 % 3], Host: i % 2 == 0 ? (HostFactory)a : b)).ToList();
        foreach (var p in people) await AppointmentAsync(a, p.Hall, p.Category.Code, p.Id);
        using var onA = a.Anonymous();
        using var onB = b.Anonymous();

        // All 500 start at once; at most 40 are in flight, so the two hosts' pools do not take the shared test server's
        // connections from the PostgreSQL tests running beside this one.
        using var inFlight = new SemaphoreSlim(40);
        var answers = await Task.WhenAll(people.Select(p => Task.Run(async () =>
        {
            await inFlight.WaitAsync();
            try
            {
                var response = await CheckInAsync(p.Host == a ? onA : onB, p.Hall, p.Category.Code, p.Id);
                response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                return (p.Category.Code, Number: (await response.JsonAsync()).GetProperty("number").GetString()!);
            }
            finally
            {
                inFlight.Release();
            }
        })));

        answers.Select(x => x.Number).Distinct().Should().HaveCount(500);
        foreach (var (code, prefix) in categories)
            answers.Where(x => x.Code == code).Select(x => x.Number).Should()
                .BeEquivalentTo(Enumerable.Range(1, people.Count(p => p.Category.Code == code)).Select(n => $"{prefix}{n:D3}"), code);
    }
}
