namespace Insights.Dashboard.Accounts;

/// <summary>The four roles of an installation; a user may hold several.</summary>
public static class Roles
{
    /// <summary>Users, settings, API keys, audit log, and everything else.</summary>
    public const string Admin = "Admin";

    /// <summary>Imports data and opens every analytics page.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Predicts drafts; sees the analytics charts read-only.</summary>
    public const string Creator = "Creator";

    /// <summary>Opens the analytics pages and exports reports.</summary>
    public const string Insights = "Insights";

    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Creator, Insights];
}

/// <summary>Named authorization policies, one per capability; pages and endpoints name these, never roles.</summary>
public static class Policies
{
    /// <summary>Analytics pages and read APIs (Overview, Popularity, Labels, Posts, drivers...): every role.</summary>
    public const string Analytics = "Analytics";

    /// <summary>Importing data: Admin, Analyst.</summary>
    public const string Import = "Import";

    /// <summary>Predicting drafts and labelling uploads: Admin, Analyst, Creator.</summary>
    public const string Predict = "Predict";

    /// <summary>Reports and exports: Admin, Analyst, Insights.</summary>
    public const string Reports = "Reports";

    /// <summary>The Model page (the classifier's track record, read-only; training runs by itself): Admin, Analyst, Creator, whose predictions quote it.</summary>
    public const string Model = "Model";

    /// <summary>Users, API keys, audit log: Admin.</summary>
    public const string Admin = "Admin";

    /// <summary>Roles allowed by each policy (the table the README and the access tests show).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Analytics] = [Roles.Admin, Roles.Analyst, Roles.Insights, Roles.Creator],
        [Import] = [Roles.Admin, Roles.Analyst],
        [Predict] = [Roles.Admin, Roles.Analyst, Roles.Creator],
        [Reports] = [Roles.Admin, Roles.Analyst, Roles.Insights],
        [Model] = [Roles.Admin, Roles.Analyst, Roles.Creator],
        [Admin] = [Roles.Admin],
    };
}

/// <summary>What the audit log records, as stored in its Action column.</summary>
public static class AuditActions
{
    public const string Login = "login";
    public const string LoginFailed = "login-failed";
    public const string LockedOut = "locked-out";
    public const string Logout = "logout";
    public const string Import = "import";
    public const string Export = "export";
    public const string Delete = "delete";
    public const string CustomLabel = "custom-label";
    public const string Suggestion = "label-suggestion";
    public const string ProfileChange = "profile-change";
    public const string ProfileDelete = "profile-delete";
    public const string UserCreate = "user-create";
    public const string RoleChange = "role-change";
    public const string GrantChange = "grant-change";
    public const string PasswordReset = "password-reset";
    public const string Lock = "lock";
    public const string Unlock = "unlock";
    public const string ApiKeyCreate = "apikey-create";
    public const string ApiKeyRevoke = "apikey-revoke";
}
