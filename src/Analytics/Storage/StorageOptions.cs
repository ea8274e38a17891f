using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Storage;

/// <summary>Where the database and stored files live. Section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the database, uploads and media. Relative paths are resolved against the app's base folder. Default "var".</summary>
    [Required]
    public string DataDirectory { get; set; } = "var";

    /// <summary>Database provider. Default and only one built so far: "Sqlite".</summary>
    [RegularExpression("^Sqlite$", ErrorMessage = "Storage:Provider must be 'Sqlite' (PostgreSQL is planned, not built).")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Connection string; when empty, a SQLite file "insights.db" inside <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }
}
