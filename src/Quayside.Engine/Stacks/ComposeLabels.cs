namespace Quayside.Engine.Stacks;

/// <summary>The labels compose (v1 and v2) puts on what it makes; a project is found from them, whoever started it.</summary>
public static class ComposeLabels
{
    public const string Project = "com.docker.compose.project";
    public const string WorkingDir = "com.docker.compose.project.working_dir";
    public const string ConfigFiles = "com.docker.compose.project.config_files";
    public const string EnvironmentFile = "com.docker.compose.project.environment_file";
    public const string Service = "com.docker.compose.service";
    public const string ContainerNumber = "com.docker.compose.container-number";
    public const string OneOff = "com.docker.compose.oneoff";
    public const string Version = "com.docker.compose.version";
    public const string Network = "com.docker.compose.network";
    public const string Volume = "com.docker.compose.volume";
}
