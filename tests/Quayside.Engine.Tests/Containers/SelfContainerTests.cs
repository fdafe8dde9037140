using Quayside.Engine.Containers;

namespace Quayside.Engine.Tests.Containers;

public class SelfContainerTests
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_id_comes_from_the_hostname_file_docker_mounts_into_the_container()
    {
        var mountInfo = $"""
            612 611 0:55 / / rw,relatime master:300 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X
            633 612 254:0 /var/lib/docker/volumes/q/_data /data rw,relatime - ext4 /dev/vda rw
            634 612 254:0 /var/lib/docker/containers/{Id}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw
            635 612 254:0 /var/lib/docker/containers/{Id}/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw
            """;
        Assert.Equal(Id, SelfContainer.FromMountInfo(mountInfo));
    }

    [Fact]
    public void Outside_a_container_there_is_no_id_and_no_container_is_marked()
    {
        Assert.Null(SelfContainer.FromMountInfo("27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"));
        Assert.Null(SelfContainer.FromHostname("build-server"));
        Assert.False(SelfContainer.None.Is(Id));
    }

    [Fact]
    public void A_short_id_from_the_hostname_marks_the_container_whose_full_id_starts_with_it()
    {
        var self = new SelfContainer(SelfContainer.FromHostname(Id[..12]));
        Assert.True(self.Is(Id));
        Assert.False(self.Is("f" + Id[1..]));
    }
}
