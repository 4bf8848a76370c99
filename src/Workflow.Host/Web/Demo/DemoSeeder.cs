using Bogus;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Materials;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Steps;
using Workflow.Engine.Calendar;
using Workflow.Engine.Scheduling;
using Workflow.Host.Web.Database;

namespace Workflow.Host.Web.Demo;

/// <summary>
/// Seeds the demo projects on first start (about 30, made with Bogus from a fixed seed): every stage and every
/// state a user should see — waiting at the window, on time, warning, overdue, waiting for a supplement, waived
/// materials open, joint review under way, public notice running, rejected, finished. Each case is driven through
/// the real desks on a clock that walks the past, so its timeline, clocks and steps are genuine.
/// </summary>
public sealed class DemoSeeder(HostDatabase database, string? calendarsFolder, IClock realClock, ILogger<DemoSeeder> logger)
{
    private const int Seed = 20261121;

    /// <summary>The scenarios, in order; each project gets one (cycling), at the stage it names.</summary>
    private static readonly (Stage Stage, Scenario Scenario)[] Plan =
    [
        (Stage.ConstructionPermit, Scenario.Submitted),
        (Stage.ProjectApprovalAndLandUse, Scenario.OnTime),
        (Stage.EngineeringConstructionPermit, Scenario.Warning),
        (Stage.ConstructionPermit, Scenario.Overdue),
        (Stage.EngineeringConstructionPermit, Scenario.WaitingForSupplement),
        (Stage.ConstructionPermit, Scenario.WaiverOpen),
        (Stage.CompletionAcceptance, Scenario.JointUnderWay),
        (Stage.EngineeringConstructionPermit, Scenario.PublicNotice),
        (Stage.ConstructionPermit, Scenario.Finished),
        (Stage.EngineeringConstructionPermit, Scenario.Rejected),
        (Stage.ProjectApprovalAndLandUse, Scenario.IntakeSupplement),
        (Stage.EngineeringConstructionPermit, Scenario.RepeatedReturn),
        (Stage.CompletionAcceptance, Scenario.Finished),
        (Stage.ProjectApprovalAndLandUse, Scenario.Warning),
        (Stage.ConstructionPermit, Scenario.OnTime),
    ];

    private enum Scenario { Submitted, IntakeSupplement, OnTime, Warning, Overdue, WaitingForSupplement, RepeatedReturn, WaiverOpen, JointUnderWay, PublicNotice, Rejected, Finished }

    // Arbitrary constant shared by every host that seeds a workflow database.
    private const long SeedLock = 0x57_46_44_45_4D_4F; // "WFDEMO"

    /// <summary>
    /// Seeds unless the database already holds projects; returns how many projects it made. Hosts starting together
    /// on one PostgreSQL database take turns (<see cref="HostDatabase.LockAsync"/>), so the first seeds and the
    /// others find its projects.
    /// </summary>
    public async Task<int> SeedAsync(int projects = 30, CancellationToken cancellationToken = default)
    {
        var clock = new DemoClock(realClock.GetCurrentInstant());
        await using var services = database.AddTo(new ServiceCollection()
                .AddLogging()
                .AddSingleton<IClock>(clock))
            .AddPermits(calendarsFolder: calendarsFolder)
            .BuildServiceProvider();
        await using var turn = await database.LockAsync(SeedLock, cancellationToken);
        var catalogue = services.GetRequiredService<MatterCatalogue>();
        var registry = services.GetRequiredService<ProjectRegistry>();
        var scheduler = services.GetRequiredService<WorkflowScheduler>();
        if ((await services.GetRequiredService<Workflow.Definitions.Tracking.ProjectQueries>().ListAsync(null, null, 1, 1, cancellationToken)).TotalCount > 0) return 0;

        var calendar = services.GetRequiredService<CalendarRegistry>().Get(catalogue.CalendarId);
        var faker = new Faker("zh_CN") { Random = new Randomizer(Seed) };
        var now = clock.Now;
        for (var i = 0; i < projects; i++)
        {
            var (stage, scenario) = Plan[i % Plan.Length];
            var driver = ActivatorUtilities.CreateInstance<CaseDriver>(services, clock, calendar, now);
            var project = await CreateProjectAsync(registry, catalogue, faker, i, stage, clock, driver, cancellationToken);
            try
            {
                await driver.RunAsync(project, stage, scenario, faker, cancellationToken);
            }
            catch (Exception e) when (e is PermitRuleViolation or StepConflictException)
            {
                logger.LogWarning("Demo project {Code} stopped early in scenario {Scenario}: {Message}", project.Code, scenario, e.Message);
            }
        }
        clock.Now = now;
        var fired = await scheduler.FireDueAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} demo projects ({Fired} timers already due fired).", projects, fired);
        return projects;
    }

    private static async Task<ProjectRow> CreateProjectAsync(ProjectRegistry registry, MatterCatalogue catalogue, Faker faker, int index, Stage stage, DemoClock clock, CaseDriver driver, CancellationToken cancellationToken)
    {
        // Approvals of earlier stages were obtained before the project came to this centre.
        var prior = catalogue.Matters.Where(m => m.Stage < stage).Select(m => m.Code).ToList();
        clock.Now = driver.WorkingDaysAgo(40, 9, 0);
        var district = faker.PickRandom("高新区", "经开区", "滨江新区", "老城区", "临空经济区", "科学城");
        var building = faker.PickRandom("产业园", "科研楼", "物流中心", "安置房", "学校", "医院综合楼", "数据中心", "商业综合体");
        var name = $"{district}{faker.PickRandom("智造", "未来", "东方", "锦绣", "青山", "和平")}{building}项目";
        return await registry.CreateProjectAsync(new NewProject(
            $"2026-{faker.Random.Number(100000, 999999)}-{index + 1:D2}",
            name,
            $"{faker.PickRandom("示例", "华建", "宏远", "天成", "新城", "鼎盛")}{faker.PickRandom("建设", "置业", "实业", "科技")}有限公司",
            faker.PickRandom<ProjectKind>(),
            GreenChannel: index % 5 == 0,
            PriorApprovals: prior), index % 2 == 0 ? "agent1" : "agent2", cancellationToken);
    }

    /// <summary>Drives one case of a project through the real service, on the demo clock.</summary>
    private sealed class CaseDriver(MatterCatalogue catalogue, ApplicationDesk applications, StepDesk steps, MaterialSupply materials, CaseFiles cases, WorkflowScheduler scheduler, DemoClock clock, WorkingCalendar calendar, Instant realNow)
    {
        public Instant WorkingDaysAgo(int days, int hour, int minute)
        {
            var date = realNow.InZone(calendar.Zone).Date;
            for (var counted = 0; counted < days;)
            {
                date = date.PlusDays(-1);
                if (calendar.IsWorkingDay(date)) counted++;
            }
            return date.At(new LocalTime(hour, minute)).InZoneLeniently(calendar.Zone).ToInstant();
        }

        private void At(Instant when) => clock.Now = when < realNow ? when : realNow;

        public async Task RunAsync(ProjectRow project, Stage stage, Scenario scenario, Faker faker, CancellationToken cancellationToken)
        {
            var matters = catalogue.MattersOf(stage).Select(m => m.Code).ToList();
            var promised = catalogue.GetStage(stage).PromisedLimitFor(project.GreenChannel);
            var startDaysAgo = scenario switch
            {
                Scenario.Submitted => 0,
                Scenario.Warning => Math.Max(2, promised - 1),
                Scenario.Overdue => promised + 3,
                Scenario.Finished => promised + 10,
                _ => 3,
            };
            var missing = scenario switch
            {
                Scenario.WaiverOpen => new[] { "ZJJ-001-FUNDS" },
                Scenario.IntakeSupplement => catalogue.MattersOf(stage).SelectMany(m => m.Materials).Where(m => m.Kind == MaterialKind.Core).Take(2).Select(m => m.Code).ToArray(),
                _ => [],
            };
            At(WorkingDaysAgo(startDaysAgo, 9, 15));
            var all = matters.Select(catalogue.FindMatter).SelectMany(m => m!.Materials.Select(x => x.Code));
            var file = await applications.ApplyAsync(project, new NewApplication(stage, null, all.Except(missing).ToList()), cancellationToken);
            if (scenario == Scenario.Submitted) return;

            Later(40);
            var intake = file.Steps.Single(s => s.IsOpen);
            if (scenario == Scenario.IntakeSupplement)
            {
                await ActAsync(intake, nameof(IntakeOutcome.SupplementRequired), "frontdesk", "材料不齐，请一次性补齐告知书所列材料", cancellationToken: cancellationToken);
                return;
            }
            file = await ActAsync(intake, scenario == Scenario.WaiverOpen ? nameof(IntakeOutcome.AcceptedWithWaiver) : nameof(IntakeOutcome.Accepted), "frontdesk",
                commitmentSigned: scenario == Scenario.WaiverOpen, cancellationToken: cancellationToken);

            switch (scenario)
            {
                case Scenario.OnTime or Scenario.Warning or Scenario.Overdue:
                    // Some departments decided, the rest still hold the case.
                    Later(60 * 24);
                    file = await PassOpenStepsAsync(file, faker, limit: 2, cancellationToken);
                    return;
                case Scenario.WaitingForSupplement or Scenario.RepeatedReturn:
                {
                    Later(60 * 24);
                    var review = file.Steps.First(s => s.IsOpen && s.Kind == StepKind.Review);
                    var material = file.Materials.First(m => m.MatterCode == review.MatterCode && m.Code != "APP" && m.Code != "LIC");
                    file = await ActAsync(review, "SupplementRequested", "reviewer-" + review.Department, "请补正",
                        missing: [new MaterialDefect(material.Code, "内容不完整，请补充完善")], cancellationToken: cancellationToken);
                    if (scenario == Scenario.WaitingForSupplement) return;
                    Later(60 * 24);
                    file = await materials.SupplyAsync(file.CaseId, [material.Code], project.Agent, cancellationToken);
                    Later(120);
                    var other = file.Materials.First(m => m.Code == "LIC");
                    await ActAsync(file.FindStep(review.Id)!, "SupplementRequested", "reviewer-" + review.Department, "再次补正",
                        missing: [new MaterialDefect(other.Code, "证照已过期")], cancellationToken: cancellationToken);
                    return;
                }
                case Scenario.WaiverOpen:
                    Later(60 * 24);
                    await PassOpenStepsAsync(file, faker, limit: 1, cancellationToken);
                    return;
                case Scenario.JointUnderWay:
                    Later(60 * 24);
                    await PassOpenStepsAsync(file, faker, limit: 3, cancellationToken);
                    return;
                case Scenario.PublicNotice:
                    Later(60 * 24);
                    await PassOpenStepsAsync(file, faker, limit: 99, cancellationToken);
                    return;
                case Scenario.Rejected:
                {
                    Later(60 * 24);
                    var review = file.Steps.First(s => s.IsOpen && s.Kind == StepKind.Review);
                    await ActAsync(review, "Rejected", "reviewer-" + review.Department, "项目选址与控制性详细规划不符", cancellationToken: cancellationToken);
                    return;
                }
                case Scenario.Finished:
                    for (var round = 0; round < 6 && file.Steps.Any(s => s.IsOpen); round++)
                    {
                        Later(60 * 24);
                        file = await PassOpenStepsAsync(file, faker, limit: 99, cancellationToken);
                        Later(60 * 24 * 8);
                        await scheduler.FireDueAsync(cancellationToken);
                        file = (await cases.FindAsync(file.CaseId, cancellationToken))!.Value.File;
                    }
                    return;
            }
        }

        private void Later(int minutes) => At(clock.Now + Duration.FromMinutes(minutes));

        /// <summary>Approves (agrees, passes) up to <paramref name="limit"/> open steps, consolidations last.</summary>
        private async Task<CaseFile> PassOpenStepsAsync(CaseFile file, Faker faker, int limit, CancellationToken cancellationToken)
        {
            foreach (var step in file.Steps.Where(s => s.State == StepState.Open).OrderBy(s => s.Kind == StepKind.JointConsolidation).Take(limit).ToList())
            {
                var conditions = faker.Random.Bool(0.2f);
                var outcome = step.Kind switch
                {
                    StepKind.Review => conditions ? "ApprovedWithConditions" : "Approved",
                    StepKind.JointOpinion => conditions ? "AgreeWithConditions" : "Agree",
                    StepKind.JointConsolidation => "PassedWithConditions",
                    _ => Workflow.Engine.Activities.Outcomes.Done,
                };
                Later(90);
                try
                {
                    file = await ActAsync(step, outcome, "reviewer-" + step.Department, "经审查，符合要求",
                        conditions: conditions || step.Kind == StepKind.JointConsolidation ? ["按审查意见完善后实施"] : [], cancellationToken: cancellationToken);
                }
                catch (StepConflictException)
                {
                    // e.g. a consolidation whose opinions are not all in: leave it open.
                }
            }
            return file;
        }

        private async Task<CaseFile> ActAsync(StepRecord step, string outcome, string actor, string? opinion = null,
            IReadOnlyList<string>? conditions = null, IReadOnlyList<MaterialDefect>? missing = null, bool commitmentSigned = false, CancellationToken cancellationToken = default)
        {
            var (file, _, _) = await steps.ActAsync(step.Id,
                new StepAction(StepAction.ActionEvent, outcome, opinion, conditions ?? [], missing ?? [], actor, commitmentSigned, null), null, null, cancellationToken);
            return file;
        }
    }
}
