using BackHip.Domain.Differential;
using BackHip.Domain.Exercises;
using BackHip.Domain.Triage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BackHip.Domain;

/// <summary>Registers BackHip.Domain in a service collection.</summary>
public static class BackHipDomainServiceCollectionExtensions
{
    /// <summary>Registers the knowledge base, engines, assessor and display text as thread-safe singletons with default options.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>Uses TryAdd, so calling it twice is harmless and a host can register its own implementation of any part first.</remarks>
    public static IServiceCollection AddBackHipDomain(this IServiceCollection services) => services.AddBackHipDomain(_ => { });

    /// <summary>Registers the knowledge base, engines and assessor, with options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; they are validated at start and a bad value fails with a message naming the option.</param>
    /// <returns>The same collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddBackHipDomain(this IServiceCollection services, Action<BackHipDomainOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<BackHipDomainOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackHipDomainOptions>, BackHipDomainOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackHipDomainOptions>, BackHipDomainOptionsSourceValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BackHipDomainOptions>>().Value;
            return options.KnowledgeFiles is { } files ? KnowledgeBase.Load(files)
                : options.KnowledgeDirectory is { } dir ? KnowledgeBase.LoadFromDirectory(dir)
                : KnowledgeBase.Default;
        });
        services.TryAddSingleton(sp => Display.DisplayText.Create(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<IOptions<BackHipDomainOptions>>().Value.TextTables));
        services.TryAddSingleton<IRedFlagEvaluator>(sp => new RedFlagEvaluator(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<Display.DisplayText>()));
        services.TryAddSingleton<IDifferentialEngine>(sp => new DifferentialEngine(sp.GetRequiredService<KnowledgeBase>()));
        services.TryAddSingleton<IQuestionSelector>(sp => new QuestionSelector(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<Display.DisplayText>()));
        services.TryAddSingleton<IExercisePlanner>(sp => new ExercisePlanner(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<Display.DisplayText>()));
        services.TryAddSingleton<ITriageCombiner>(sp => new TriageCombiner(sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<IOptions<BackHipDomainOptions>>().Value.ToCareLevelThresholds()));
        services.TryAddSingleton<IBackHipAssessor>(sp => new BackHipAssessor(
            sp.GetRequiredService<KnowledgeBase>(),
            sp.GetRequiredService<IRedFlagEvaluator>(),
            sp.GetRequiredService<IDifferentialEngine>(),
            sp.GetRequiredService<IQuestionSelector>(),
            sp.GetRequiredService<IExercisePlanner>(),
            sp.GetRequiredService<ITriageCombiner>(),
            sp.GetRequiredService<IOptions<BackHipDomainOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Display.DisplayText>()));
        return services;
    }
}
