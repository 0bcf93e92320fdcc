# The seed story (../shared/seed/notes.en.md), replayed against the real EAL.
# 1. The C call from the notes: virtio_user0 + tx_pcap. The vdev bus gives "virtio_user0" to
#    net_virtio_user (alias prefix "virtio_user"), whose kvargs parser does not know tx_pcap.
probe rte_eal_hotplug_add("vdev", "virtio_user0", "tx_pcap=report.pcap")
expect fail key-wrong-driver
expect log error when parsing param
expect log Driver cannot attach the device \(virtio_user0\)
# 2. Rename the device so net_pcap claims it: the same key now belongs to the claiming driver.
probe rte_eal_hotplug_add("vdev", "net_pcap_pdump_0", "tx_pcap=report.pcap")
expect ok
# 3. The pcap PMD's fixed MAC, "\x02pcap\0", and the capture file its tx side opened.
expect mac 0 02:70:63:61:70:00
mac 0
expect file report.pcap
# 4. The probe chain gdb showed in the notes, and the ops table the PMD installed.
bt
expect ok
ops 0
expect ok
port detach 0
expect ports 0
