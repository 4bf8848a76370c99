using System.Net;
using System.Text.RegularExpressions;
using Workflow.Host.Tests.Api.Permits;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Pages;

/// <summary>The form defects of issue #13 (item 9): a refused joint opinion keeps its materials table; every input has a label.</summary>
public sealed partial class FormDefectTests(PermitApiHost host) : IClassFixture<PermitApiHost>
{
    [Fact]
    public async Task A_joint_opinion_refused_with_422_shows_the_materials_table_again()
    {
        using var rf = await host.SignedInClientAsync("reviewer-rf");
        var before = await rf.GetStringAsync($"/steps/{host.OpinionStepId}");
        var rows = Rows(before);
        rows.Should().BePositive("the opinion form lists the case's materials");

        var response = await rf.PostFormAsync($"/steps/{host.OpinionStepId}", [F("Outcome", "Disagree"), F("Version", Hidden(before, "Version")), F("IdempotencyKey", Guid.NewGuid().ToString("N"))]);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a disagreement needs its reasons");
        Rows(await response.Content.ReadAsStringAsync()).Should().Be(rows, "the refused form shows the same materials table");
    }

    [Theory]
    [InlineData("frontdesk", "intake")]
    [InlineData("reviewer-rf", "opinion")]
    public async Task Every_input_of_a_step_form_has_a_label(string user, string which)
    {
        using var client = await host.SignedInClientAsync(user);
        var html = await client.GetStringAsync($"/steps/{(which == "intake" ? host.IntakeStepId : host.OpinionStepId)}");
        var form = html[html.IndexOf("<form method=\"post\" id=\"action\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];

        var inputs = Control().Matches(form).Where(m => !m.Value.Contains("type=\"hidden\"", StringComparison.Ordinal)).ToList();
        inputs.Should().NotBeEmpty();
        foreach (var input in inputs)
        {
            var id = Id().Match(input.Value);
            var labelledFor = id.Success && form.Contains($"for=\"{id.Groups[1].Value}\"", StringComparison.Ordinal);
            var head = form[..input.Index];
            var wrapped = head.LastIndexOf("<label", StringComparison.Ordinal) > head.LastIndexOf("</label>", StringComparison.Ordinal);
            (labelledFor || wrapped).Should().BeTrue($"{input.Value} has a label");
        }
    }

    private static int Rows(string html)
    {
        var start = html.IndexOf("id=\"checklist\"", StringComparison.Ordinal);
        if (start < 0) return 0;
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        var body = table[table.IndexOf("<tbody>", StringComparison.Ordinal)..];
        return Regex.Count(body, "<tr");
    }

    [GeneratedRegex("<(input|textarea|select)\\b[^>]*>")]
    private static partial Regex Control();

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex Id();
}
