using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts;
using Insights.Dashboard.Accounts.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Insights.Dashboard.Extensions;

/// <summary>Registration of accounts, roles, API keys, the audit log and the authorization rules.</summary>
public static class AccountsExtensions
{
    /// <summary>The scheme that picks the API key handler when the request carries X-Api-Key, else the Identity cookie.</summary>
    public const string CookieOrApiKey = "CookieOrApiKey";

    /// <summary>Users, roles, grants, keys and audit storage: what the web app, the command line and component tests share.</summary>
    public static IServiceCollection AddAccountsCore(this IServiceCollection services, string baseDirectory)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section);
        // Password-reset tokens, antiforgery tokens and the sign-in cookie are protected with these keys; kept
        // in the database so sessions survive a restart and every instance accepts every other's cookies.
        services.AddDataProtection().SetApplicationName("Insights").PersistKeysToDbContext<AccountsDbContext>();
        services.AddDbContextFactory<AccountsDbContext, AccountsContextFactory>((provider, builder) =>
            provider.GetRequiredService<DatabaseProvider>().Configure(builder, AccountsDbContext.HistoryTable));
        services.AddIdentityCore<IdentityUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): 12 characters, any kind.
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<OperatorConsole>();
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<AccountsDatabase>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ProfileAccess>();
        services.AddSingleton<AccountService>();
        return services;
    }

    /// <summary>Cookie and API key sign-in, the capability policies, and a fallback policy that requires a signed-in user everywhere.</summary>
    public static IServiceCollection AddAccountsWeb(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrApiKey;
                o.DefaultChallengeScheme = CookieOrApiKey;
                o.DefaultForbidScheme = CookieOrApiKey;
            })
            .AddPolicyScheme(CookieOrApiKey, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyService.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddIdentityCore<IdentityUser>().AddSignInManager<BestEffortSignInManager>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "insights.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // Scripts and API clients get a status code (with problem details), people a page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Analytics, p => p.RequireRole(Policies.RolesOf[Policies.Analytics]))
            .AddPolicy(Policies.Import, p => p.RequireRole(Policies.RolesOf[Policies.Import]))
            .AddPolicy(Policies.Predict, p => p.RequireRole(Policies.RolesOf[Policies.Predict]))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Policies.RolesOf[Policies.Reports]))
            .AddPolicy(Policies.Model, p => p.RequireRole(Policies.RolesOf[Policies.Model]))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Policies.RolesOf[Policies.Admin]));
        services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        return services;
    }

    /// <summary>Where the API reference (Scalar) is served.</summary>
    public const string ApiDocsPath = "/api/docs";

    /// <summary>True for requests of programs rather than people: the API, the OpenAPI document, media files (not the API reference page, which people read).</summary>
    public static bool IsApiRequest(HttpRequest request) =>
        (request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments(ApiDocsPath)) || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/media")
        || request.Headers.ContainsKey(ApiKeyService.Header);

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
