using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Feeds;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Feeds;

/// <summary>Feed tokens (docs/ledger-and-feeds.md, Deadline calendar feeds): stored hashed, resolved while live, revoked by their owner only.</summary>
public class FeedTokensTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_token_is_stored_only_as_its_hash_resolves_while_live_and_not_once_revoked(string provider)
    {
        await using var host = await StartAsync(provider, "2025-03-03T09:00:00+08:00");
        var tokens = host.Services.GetRequiredService<FeedTokens>();

        var made = await tokens.CreateAsync(FeedScope.Agent, "agent1", "agent1", "手机");

        made.Token.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "256 random bits, URL-safe base64 without padding");
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.Set<FeedTokenRow>().SingleAsync();
            stored.TokenHash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(made.Token))));
            (stored.TokenHash + stored.Label + stored.Owner + stored.CreatedBy).Should().NotContain(made.Token);
        }
        (await tokens.ResolveAsync(made.Token))!.Owner.Should().Be("agent1");
        (await tokens.ResolveAsync(made.Token[..^1])).Should().BeNull();

        (await tokens.RevokeAsync(made.Row.Id, new FeedOwner(FeedScope.Agent, "agent2", null))).Should().BeFalse("not agent2's");
        (await tokens.ResolveAsync(made.Token)).Should().NotBeNull();
        (await tokens.RevokeAsync(made.Row.Id, new FeedOwner(FeedScope.Agent, "agent1", null))).Should().BeTrue();
        (await tokens.ResolveAsync(made.Token)).Should().BeNull();
        (await tokens.ListAsync(new FeedOwner(FeedScope.Agent, "agent1", null))).Should().ContainSingle().Which.RevokedAt.Should().Be(host.Clock.GetCurrentInstant());
    }
}
