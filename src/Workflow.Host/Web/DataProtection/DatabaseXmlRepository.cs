using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Web.DataProtection;

/// <summary>
/// Keeps the data-protection key ring in <c>host_data_protection_keys</c> (<see cref="DataProtectionKeysModule"/>).
/// Hosts starting together may each create a key; every key stays in the ring and each host reads them all, so a
/// cookie protected by one host's key is read by another.
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<WorkflowDbContext> contexts) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = contexts.CreateDbContext();
        return db.Set<DataProtectionKeyRow>().AsNoTracking().Select(r => r.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = contexts.CreateDbContext();
        if (db.Set<DataProtectionKeyRow>().Any(r => r.FriendlyName == friendlyName)) return;
        db.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>Data protection with the key ring in the database and one application name for every host.</summary>
    public static IServiceCollection AddSharedDataProtection(IServiceCollection services)
    {
        services.AddWorkflowPersistenceModule<DataProtectionKeysModule>();
        services.AddDataProtection().SetApplicationName("workflow-host");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>())));
        return services;
    }
}
