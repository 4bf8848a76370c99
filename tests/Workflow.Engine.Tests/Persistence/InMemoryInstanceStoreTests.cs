using Workflow.Engine.Persistence;

namespace Workflow.Engine.Tests.Persistence;

public sealed class InMemoryInstanceStoreTests : InstanceStoreContract
{
    protected override Task<IWorkflowInstanceStore> CreateStoreAsync() => Task.FromResult<IWorkflowInstanceStore>(new InMemoryWorkflowInstanceStore());
}
