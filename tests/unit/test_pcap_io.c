/* pcap writer -> reader round trips (through libpcap) and link-header offsets. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net_const.h"
#include "pcap_io.h"
#include "unit.h"

static char dir[64];
static char path[128];

static int make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/test_pcap_io.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/out.pcap", dir);
    return 0;
}

static int remove_dir(void)
{
    unlink(path);
    return rmdir(dir);
}

static void test_round_trip(void)
{
    struct pcap_writer *w = NULL;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(pcap_writer_open(path, DLT_EN10MB, &w, &err), PROTO_OK);
    /* Records of sizes 0..300 with distinct contents and timestamps, and one
     * jumbo record bigger than 65535 minus headers. */
    static uint8_t data[70000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i ^ (i >> 8));
    const uint64_t base = 250ull * 1000000u; /* the seed's 00:04:10 */
    for (size_t n = 0; n <= 300; n++)
        CU_ASSERT_EQUAL(pcap_writer_write(w, data + n, n, base + n * 1001, &err), PROTO_OK);
    CU_ASSERT_EQUAL(pcap_writer_write(w, data, 65600, base + 999999, &err), PROTO_OK);
    CU_ASSERT_EQUAL(pcap_writer_finish(w, &err), PROTO_OK);

    struct pcap_reader *r = NULL;
    int linktype = -1;
    CU_ASSERT_EQUAL_FATAL(pcap_reader_open(path, &r, &linktype, &err), PROTO_OK);
    CU_ASSERT_EQUAL(linktype, DLT_EN10MB);
    struct pcap_record rec;
    for (size_t n = 0; n <= 300; n++) {
        CU_ASSERT_EQUAL_FATAL(pcap_reader_next(r, &rec, &err), 1);
        CU_ASSERT_EQUAL(rec.caplen, n);
        CU_ASSERT_EQUAL(rec.wirelen, n);
        CU_ASSERT_EQUAL(rec.ts_usec, base + n * 1001);
        CU_ASSERT(n == 0 || memcmp(rec.data, data + n, n) == 0);
    }
    CU_ASSERT_EQUAL_FATAL(pcap_reader_next(r, &rec, &err), 1);
    CU_ASSERT_EQUAL(rec.caplen, 65600);
    CU_ASSERT(memcmp(rec.data, data, 65600) == 0);
    CU_ASSERT_EQUAL(pcap_reader_next(r, &rec, &err), 0);
    pcap_reader_close(r);
}

static void test_linktype_kept(void)
{
    const int types[] = {DLT_RAW, DLT_LINUX_SLL, DLT_NULL};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        struct pcap_writer *w = NULL;
        CU_ASSERT_EQUAL_FATAL(pcap_writer_open(path, types[i], &w, NULL), PROTO_OK);
        pcap_writer_close(w);
        struct pcap_reader *r = NULL;
        int linktype = -1;
        CU_ASSERT_EQUAL_FATAL(pcap_reader_open(path, &r, &linktype, NULL), PROTO_OK);
        CU_ASSERT_EQUAL(linktype, types[i]);
        struct pcap_record rec;
        CU_ASSERT_EQUAL(pcap_reader_next(r, &rec, NULL), 0); /* empty file: at end */
        pcap_reader_close(r);
    }
}

static void test_missing_file_names_path(void)
{
    char missing[160];
    snprintf(missing, sizeof missing, "%s/no-such.pcap", dir);
    struct pcap_reader *r = (struct pcap_reader *)1;
    int linktype;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(pcap_reader_open(missing, &r, &linktype, &err), PROTO_EIO);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, missing));
    char line[256];
    proto_error_format(&err, line, sizeof line);
    CU_ASSERT_PTR_NOT_NULL(strstr(line, "no-such.pcap"));

    /* Writing into a directory that does not exist fails the same way. */
    char bad[200];
    snprintf(bad, sizeof bad, "%s/none/out.pcap", dir);
    struct pcap_writer *w = (struct pcap_writer *)1;
    CU_ASSERT_EQUAL(pcap_writer_open(bad, DLT_EN10MB, &w, &err), PROTO_EIO);
    CU_ASSERT_PTR_NULL(w);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, bad));
}

static void test_not_a_pcap(void)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("C8 02 00 0C 45 18 00 00 00 01 00 02\n", f);
    fclose(f);
    struct pcap_reader *r = NULL;
    int linktype;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL(pcap_reader_open(path, &r, &linktype, &err), PROTO_EIO);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_STRING_EQUAL(err.field, "pcap file");
}

static void test_truncated_record(void)
{
    /* A record header promising more data than the file holds is a read
     * error naming the record, not a crash. */
    struct pcap_writer *w = NULL;
    const uint8_t d[64] = {1, 2, 3};
    CU_ASSERT_EQUAL_FATAL(pcap_writer_open(path, DLT_EN10MB, &w, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(pcap_writer_write(w, d, sizeof d, 0, NULL), PROTO_OK);
    CU_ASSERT_EQUAL(pcap_writer_write(w, d, sizeof d, 1, NULL), PROTO_OK);
    pcap_writer_close(w);
    CU_ASSERT_EQUAL_FATAL(truncate(path, 24 + 16 + 64 + 16 + 10), 0);
    struct pcap_reader *r = NULL;
    int linktype;
    struct proto_error err = {0};
    CU_ASSERT_EQUAL_FATAL(pcap_reader_open(path, &r, &linktype, &err), PROTO_OK);
    struct pcap_record rec;
    CU_ASSERT_EQUAL(pcap_reader_next(r, &rec, &err), 1);
    CU_ASSERT(pcap_reader_next(r, &rec, &err) < 0);
    CU_ASSERT_EQUAL(err.status, PROTO_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.detail, "record 2"));
    pcap_reader_close(r);
}

static void test_link_header_len(void)
{
    uint8_t eth[64] = {0};
    eth[12] = 0x08; /* IPv4 */
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_EN10MB, eth, 34), ETH_HDR_LEN);
    eth[12] = 0x81; /* 802.1Q, then IPv4 */
    eth[16] = 0x08;
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_EN10MB, eth, 38), ETH_HDR_LEN + VLAN_TAG_LEN);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_EN10MB, eth, 15), PROTO_ETRUNC);
    eth[12] = 0x08;
    eth[13] = 0x06; /* ARP */
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_EN10MB, eth, 60), PROTO_EINVAL);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_EN10MB, eth, 13), PROTO_ETRUNC);

    const uint8_t v4[] = {0x45, 0};
    const uint8_t v6[] = {0x60, 0};
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_RAW, v4, 2), 0);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_RAW, v6, 2), PROTO_EINVAL);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_RAW, v4, 0), PROTO_ETRUNC);

    uint8_t sll[20] = {0};
    sll[14] = 0x08;
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_LINUX_SLL, sll, 20), SLL_HDR_LEN);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_LINUX_SLL, sll, 15), PROTO_ETRUNC);
    sll[15] = 0xDD; /* 0x08DD: not IPv4 */
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_LINUX_SLL, sll, 20), PROTO_EINVAL);

    const uint8_t null_le[] = {2, 0, 0, 0, 0x45};
    const uint8_t null_be[] = {0, 0, 0, 2, 0x45};
    const uint8_t null_v6[] = {30, 0, 0, 0, 0x60};
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_NULL, null_le, 5), NULL_HDR_LEN);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_NULL, null_be, 5), NULL_HDR_LEN);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_NULL, null_v6, 5), PROTO_EINVAL);
    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_NULL, null_le, 3), PROTO_ETRUNC);

    CU_ASSERT_EQUAL(pcap_link_header_len(DLT_IEEE802_11, eth, 60), PROTO_EINVAL);
    CU_ASSERT_FALSE(pcap_linktype_supported(DLT_IEEE802_11));
    CU_ASSERT(pcap_linktype_supported(DLT_EN10MB));
    CU_ASSERT(pcap_linktype_supported(DLT_LINUX_SLL));
}

void register_suites(void)
{
    static const CU_TestInfo tests[] = {
        {"writer -> reader round trip (sizes, timestamps, jumbo)", test_round_trip},
        {"linktype kept: RAW, LINUX_SLL, NULL", test_linktype_kept},
        {"missing file: error names the path", test_missing_file_names_path},
        {"not a pcap file", test_not_a_pcap},
        {"truncated record: read error naming it", test_truncated_record},
        {"link header lengths per linktype", test_link_header_len},
        CU_TEST_INFO_NULL,
    };
    CU_pSuite s = CU_add_suite("pcap_io", make_dir, remove_dir);
    for (const CU_TestInfo *t = tests; s && t->pName; t++)
        CU_add_test(s, t->pName, t->pTestFunc);
}
