using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Engine.Scheduling;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Pages;

/// <summary>
/// Every input with a label (#13; docs/pages.md, *Labels*): each role's pages, walked as that role sees them (signed in
/// through the sign-in page, following the links of the pages it starts from), have no visible input, select or
/// textarea without a label (<see cref="FormLabels"/>). The host has what makes the conditional forms appear: a file to
/// mark defective, a complaint in hand, an urging notice to reply to, a ticket being served at window 1.
/// </summary>
public sealed partial class InputLabelTests(InputLabelTests.LabelHost host) : IClassFixture<InputLabelTests.LabelHost>
{
    /// <summary>A joint-review step of zjj, overdue and urged, on a case with an uploaded file and a complaint; a case at intake; a served ticket.</summary>
    public sealed class LabelHost : HostFactory, IAsyncLifetime
    {
        public string ProjectId { get; private set; } = "";
        public string CaseId { get; private set; } = "";
        public string StepId { get; private set; } = "";
        public string IntakeCaseId { get; private set; } = "";
        public string IntakeStepId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var agent = await AsUserAsync("agent1");
            using var frontdesk = await AsUserAsync("frontdesk");
            using var admin = await AsUserAsync("admin");
            ProjectId = await agent.CreateProjectAsync();
            CaseId = (await agent.ApplyAsync(ProjectId, Stage.ConstructionPermit, ["ZJJ-003"])).Id();
            await frontdesk.ActAsync((await admin.OpenStepAsync(CaseId, "frontdesk")).Id(), new { outcome = "Accepted" });
            StepId = (await admin.OpenStepAsync(CaseId, "zjj")).Id();

            var upload = new MultipartFormDataContent();
            var part = new ByteArrayContent(MaterialFileTests.Pdf);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            upload.Add(part, "file", "plan.pdf");
            (await agent.PostAsync($"/api/cases/{CaseId}/materials/ZJJ-003-PLAN/files", upload)).StatusCode.Should().Be(HttpStatusCode.Created);
            var complaint = (await (await agent.PostAsJsonAsync("/api/complaints", new { caseId = CaseId, department = "zjj", text = "办理太慢" }))
                .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
            // Overdue, so that it may be urged; the tokens above expire with the clock's jump.
            Clock.Advance(Duration.FromDays(60));
            await Services.GetRequiredService<WorkflowScheduler>().FireDueAsync();
            using var supervisor = await AsUserAsync("supervisor");
            using (var agentNow = await AsUserAsync("agent1"))
            using (var adminNow = await AsUserAsync("admin"))
            {
                // Opened after the jump, so that it still waits for the front desk's decision.
                IntakeCaseId = (await agentNow.ApplyAsync(await agentNow.CreateProjectAsync(), Stage.ConstructionPermit)).Id();
                IntakeStepId = (await adminNow.OpenStepAsync(IntakeCaseId, "frontdesk")).Id();
            }
            await supervisor.PostJsonAsync($"/api/complaints/{complaint}/take", new { });
            await (await supervisor.PostAsJsonAsync("/api/supervision/urgings", new { stepId = StepId, message = "请尽快办结", replyDue = "2030-01-08" }))
                .JsonAsync(HttpStatusCode.Created);

            using (var kiosk = Anonymous())
                (await Queueing.QueueHostData.WalkInAsync(kiosk, "HQ", "PERMIT", Queueing.QueueHostData.IdNumber(1))).EnsureSuccessStatusCode();
            using var desk = await this.SignedInClientAsync("frontdesk");
            var window = await desk.GetStringAsync("/queue/window/HQ/1");
            var called = await desk.PostAsync("/queue/window/HQ/1?handler=Call",
                new FormUrlEncodedContent([F("__RequestVerificationToken", AntiforgeryToken(window))]));
            ((int)called.StatusCode).Should().BeLessThan(400, "the front desk calls the walk-in to window 1");
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task Every_visible_input_on_every_roles_pages_has_a_label()
    {
        var pages = new Dictionary<string, string>(); // "role path" → html
        foreach (var (role, seeds) in Walks())
        {
            using var client = role is null
                ? host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
                : await host.SignedInClientAsync(role);
            foreach (var (path, html) in await WalkAsync(client, seeds, role ?? "anonymous"))
                pages[$"{role ?? "anonymous"} {path}"] = html;
        }

        var unlabelled = pages.SelectMany(p => FormLabels.Unlabelled(p.Value).Select(markup => $"{p.Key}: {markup}")).ToList();
        unlabelled.Should().BeEmpty("every visible input, select and textarea has a <label for>, a wrapping <label> or aria-label(ledby)");

        // The walk reached the forms the issue named (a walk that saw none of them would prove nothing).
        var ids = pages.ToDictionary(p => p.Key, p => FormLabels.ControlIds(p.Value));
        bool Saw(string role, Func<string, bool> control) => ids.Any(p => p.Key.StartsWith(role + " ", StringComparison.Ordinal) && p.Value.Any(control));
        Saw("agent1", id => id.StartsWith("file-", StringComparison.Ordinal)).Should().BeTrue("the apply page's per-material file inputs");
        Saw("agent1", id => id == "upload-input").Should().BeTrue("the case page's material upload");
        Saw("frontdesk", id => id == "transfer-category").Should().BeTrue("the queue window's transfer form");
        Saw("frontdesk", id => id == "opinion").Should().BeTrue("the intake form");
        Saw("supervisor", id => id.StartsWith("reply-", StringComparison.Ordinal)).Should().BeTrue("the complaint's reply");
        Saw("supervisor", id => id == "urge-step").Should().BeTrue("the urging form");
        Saw("reviewer-zjj", id => id.StartsWith("urging-reply-", StringComparison.Ordinal)).Should().BeTrue("the urging's reply");
        pages.Should().Contain(p => p.Key == $"reviewer-zjj /steps/{host.StepId}" && p.Value.Contains("mark-defective"), "the holder may mark the uploaded file defective");
        foreach (var role in Roles.All.Where(r => r != Roles.Designer))
            pages.Keys.Should().Contain(k => k.StartsWith(role + " /cases/", StringComparison.Ordinal), $"the case page as {role} sees it");
    }

    /// <summary>The scanner itself: each way of labelling counts, a placeholder or a label for another id does not, hidden controls and buttons are skipped.</summary>
    [Fact]
    public void The_scanner_accepts_each_kind_of_label_and_nothing_else()
    {
        const string html = """
            <form><label for="a">A</label><input id="a" name="a" />
            <label>B <select name="b"><option>1</option></select></label>
            <textarea name="c" aria-label="C"></textarea>
            <span id="d-name">D</span><input name="d" aria-labelledby="d-name" />
            <input type="hidden" name="e" /><input type="submit" value="go" /><div hidden><input name="f" /></div>
            <!-- <input name="commented" /> -->
            <label for="other">G</label><input id="g" name="g" placeholder="G" />
            <input name="h" aria-label=" " /><input name="i" aria-labelledby="nowhere" /></form>
            """;
        FormLabels.Unlabelled(html).Should().HaveCount(3).And.AllSatisfy(m => m.Should().MatchRegex("name=\"[ghi]\""));
    }

    /// <summary>Where each role starts (the pages of its bar, and the ones the data made); anonymous: the public pages.</summary>
    private IEnumerable<(string? Role, string[] Seeds)> Walks()
    {
        var @case = $"/cases/{host.CaseId}";
        yield return (null, ["/signin", "/lookup", "/queue/kiosk/HQ", "/queue/ticket", "/appointments"]);
        yield return (Roles.Agent, ["/projects", $"/projects/{host.ProjectId}", @case, $"{@case}/feedback", $"/cases/{host.IntakeCaseId}",
            "/notifications", "/notifications/settings", "/feeds", "/appointments"]);
        yield return (Roles.FrontDesk, ["/intake", $"/steps/{host.IntakeStepId}", $"/cases/{host.IntakeCaseId}", @case, "/queue/window/HQ/1", "/notifications"]);
        yield return (Roles.Reviewer, ["/inbox", $"/steps/{host.StepId}", @case, "/supervision/urgings", "/notifications", "/feeds"]);
        yield return (Roles.Supervisor, ["/supervision", "/supervision/dashboard", "/supervision/urgings", "/supervision/appointments",
            "/supervision/queues", "/complaints", @case, $"{@case}/audit", "/queue/window/HQ/1", "/notifications"]);
        yield return (Roles.Designer, ["/studio/tests", "/studio/instances"]); // designers see no cases (docs/api.md, the authorization matrix)
        yield return (Roles.Admin, ["/bindings", "/notifications/outbox", "/feeds", "/studio/tests", @case, $"{@case}/audit", "/intake", "/inbox"]);
    }

    /// <summary>
    /// GETs the seeds (each must open), then follows the pages' own links breadth-first, one page per route shape
    /// (ids and queries folded), at most <see cref="MaxPages"/> pages: the role's reachable pages without walking every row.
    /// </summary>
    private static async Task<List<(string Path, string Html)>> WalkAsync(HttpClient client, string[] seeds, string who)
    {
        var walked = new List<(string, string)>();
        var queue = new Queue<string>(seeds);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0 && walked.Count < MaxPages)
        {
            var path = queue.Dequeue();
            var seed = seeds.Contains(path);
            if (!visited.Add(path) || (!shapes.Add(Shape(path)) && !seed)) continue;
            var response = await client.GetAsync(path);
            if (seed) response.StatusCode.Should().Be(HttpStatusCode.OK, $"{who} opens {path}");
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var html = await response.Content.ReadAsStringAsync();
            walked.Add((path, html));
            foreach (Match link in Link().Matches(html))
                if (Followable(WebUtility.HtmlDecode(link.Groups[1].Value)) is { } next) queue.Enqueue(next);
        }
        return walked;
    }

    private const int MaxPages = 40;

    /// <summary>A same-site page link without its fragment; null for what is not a page (files, exports, the APIs, signing out).</summary>
    private static string? Followable(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal)) return null;
        href = href.Split('#')[0];
        var path = href.Split('?')[0];
        string[] notPages = ["/api/", "/elsa", "/signout", "/board", "/health", "/openapi", "/css/", "/js/", "/lib/", "/_"];
        if (notPages.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || path.Contains("/files/", StringComparison.Ordinal)
            || Path.HasExtension(path))
            return null;
        return href;
    }

    /// <summary>The route's shape: the path without its query, segments with a digit or long ones (ids, case numbers) as <c>*</c>.</summary>
    private static string Shape(string href) =>
        string.Join('/', href.Split('?')[0].Split('/').Select(s => s.Length >= 16 || s.Any(char.IsDigit) ? "*" : s));

    [GeneratedRegex("""<a\b[^>]*\bhref="([^"]+)""")]
    private static partial Regex Link();
}
