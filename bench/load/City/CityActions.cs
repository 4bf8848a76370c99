using Bogus;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Filing;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Materials;
using Workflow.Definitions.Projects;
using Workflow.Definitions.Steps;
using Workflow.Load.Measure;
using Workflow.Load.Product;

namespace Workflow.Load.City;

/// <summary>
/// What the applicant, the front desk and the departments do for one project of the city-year on one working day,
/// through the desks the Host's endpoints call (<see cref="ApplicationDesk"/>, <see cref="StepDesk"/>,
/// <see cref="MaterialSupply"/>). Each project's plan comes from its own seed (2026 + its number), so a run of N
/// projects is the same whatever the interleaving, and nothing but <see cref="CityYear.Run"/> is kept per project.
/// </summary>
internal sealed class CityActions(PermitHost host, MatterCatalogue catalogue)
{
    private readonly Stage[] _stages = [Stage.ProjectApprovalAndLandUse, Stage.EngineeringConstructionPermit, Stage.ConstructionPermit, Stage.CompletionAcceptance];
    private readonly CaseFiles _cases = host.Services.GetRequiredService<CaseFiles>();
    private readonly StepDesk _steps = host.Services.GetRequiredService<StepDesk>();
    private readonly MaterialSupply _materials = host.Services.GetRequiredService<MaterialSupply>();
    private readonly ApplicationDesk _applications = host.Services.GetRequiredService<ApplicationDesk>();
    private readonly ProjectRegistry _projects = host.Services.GetRequiredService<ProjectRegistry>();

    /// <summary>Every timed action: filings, step actions and hand-ins.</summary>
    public Latencies Latencies { get; } = new();

    /// <summary>The project's actions of today.</summary>
    public async Task DayAsync(CityYear.Run run)
    {
        var plan = Plan.Of(run.Number, _stages[run.Stage], catalogue);
        if (run.Project is null)
        {
            // Names and the green channel from the project's own seed, drawn once on arrival.
            var faker = new Faker("zh_CN") { Random = new Randomizer(2026 + run.Number) };
            run.Project = await _projects.CreateProjectAsync(new NewProject($"CY-{run.Number:D6}", faker.Address.City() + faker.Company.CompanyName() + "项目",
                faker.Company.CompanyName(), ProjectKind.EnterpriseInvested, faker.Random.Bool(0.1f), PermitHost.PriorApprovals), "agent1");
        }
        if (run.CaseId is null)
        {
            var all = catalogue.MattersOf(plan.Stage).SelectMany(m => m.Materials.Select(x => x.Code)).Distinct();
            run.CaseId = (await Timed(() => _applications.ApplyAsync(run.Project, new NewApplication(plan.Stage, null, all.Where(c => c != plan.Waived).ToList())))).CaseId;
            return; // the front desk takes it tomorrow
        }
        var file = (await _cases.FindAsync(run.CaseId))!.Value.File;
        if (!file.State.IsOpen())
        {
            if (file.State != CaseState.Issued) throw new InvalidOperationException($"case {file.CaseId} ended {file.State}");
            (run.CaseId, run.Requested, run.Asked, run.WaiverSupplied) = (null, null, false, false);
            run.Done = ++run.Stage == _stages.Length;
            return;
        }
        if (run.Requested is { } requested && file.Steps.Any(s => s.State == StepState.WaitingForSupplement))
        {
            run.Requested = null;
            await Timed(() => _materials.SupplyAsync(file.CaseId, [requested], "agent1"));
            return;
        }
        if (plan.Waived is { } waived && !run.WaiverSupplied && file.AcceptedAt is not null)
        {
            run.WaiverSupplied = true;
            file = await Timed(() => _materials.SupplyAsync(file.CaseId, [waived], "agent1"));
        }
        // Opinions before their consolidation; a consolidation whose opinions are not all in stays for tomorrow.
        foreach (var step in file.Steps.Where(s => s.State == StepState.Open).OrderBy(s => s.Kind == StepKind.JointConsolidation).ToList())
        {
            if (step.Kind == StepKind.Review && plan.Supplement && !run.Asked)
            {
                run.Asked = true;
                var material = file.Materials.FirstOrDefault(m => m.MatterCode == step.MatterCode && m.Code is not ("APP" or "LIC"));
                if (material is not null)
                {
                    run.Requested = material.Code;
                    await ActAsync(step, "SupplementRequested", missing: [new MaterialDefect(material.Code, "内容不完整，请补充完善")]);
                    continue;
                }
            }
            var outcome = step.Kind switch
            {
                StepKind.Intake => plan.Waived is not null ? nameof(IntakeOutcome.AcceptedWithWaiver) : nameof(IntakeOutcome.Accepted),
                StepKind.Review => "Approved",
                StepKind.JointOpinion => "Agree",
                StepKind.JointConsolidation => "PassedWithConditions",
                _ => Workflow.Engine.Activities.Outcomes.Done,
            };
            try
            {
                await ActAsync(step, outcome, conditions: step.Kind == StepKind.JointConsolidation ? ["按验收意见完善后实施"] : [], commitmentSigned: plan.Waived is not null);
            }
            catch (StepConflictException)
            {
            }
        }
    }

    private async Task ActAsync(StepRecord step, string outcome, IReadOnlyList<string>? conditions = null, IReadOnlyList<MaterialDefect>? missing = null, bool commitmentSigned = false) =>
        await Timed(async () => (await _steps.ActAsync(step.Id, new StepAction(StepAction.ActionEvent, outcome, "经审查，符合要求", conditions ?? [], missing ?? [],
            step.Kind == StepKind.Intake ? "frontdesk" : "reviewer-" + step.Department, commitmentSigned && step.Kind == StepKind.Intake, null), null, null)).File);

    private async Task<T> Timed<T>(Func<Task<T>> action)
    {
        var one = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await action();
        Latencies.AddSince(one);
        return result;
    }

    /// <summary>A project's draw for one stage: whether it goes with a waiver (and of which material) or a supplement request.</summary>
    private sealed record Plan(Stage Stage, string? Waived, bool Supplement)
    {
        public static Plan Of(int number, Stage stage, MatterCatalogue catalogue)
        {
            var draw = new Random(unchecked(2026 * 7919 + number * 31 + (int)stage)).NextDouble();
            var waivable = catalogue.MattersOf(stage).SelectMany(m => m.Materials).Where(m => m.Kind == MaterialKind.Waivable).Select(m => m.Code).Distinct().ToList();
            var waived = draw < 0.1 && waivable.Count > 0 ? waivable[number % waivable.Count] : null;
            return new Plan(stage, waived, draw is >= 0.1 and < 0.2);
        }
    }
}
