//! The ListInstances response body that the decoding benchmark (`client`) and the decoding
//! memory test (`tests/decode_memory.rs`) read: `CLUSTERS` clusters built from the documented
//! example of `spec/dbss/list_instances.yaml`, varied cluster by cluster.

use serde_json::{Value, json};

/// Clusters in the response.
pub const CLUSTERS: usize = 10_000;

/// The documented example response body of ListInstances, from the spec.
pub fn example_body() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/dbss/list_instances.yaml"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let spec: codegen::spec::OperationFile =
        serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    spec.examples.responses[0].body.value.clone()
}

/// A cheap deterministic mix (splitmix64), so ids differ from cluster to cluster.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn hex32(seed: u64) -> String {
    format!("{:016x}{:016x}", mix(seed), mix(seed ^ 0x5555))
}

fn uuid(seed: u64) -> String {
    let h = hex32(seed);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn ip(seed: u64) -> String {
    let h = mix(seed);
    format!("10.{}.{}.{}", h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff)
}

/// The example cluster, varied for index `i`: every string differs, and the enums take every
/// documented value (and now and then an undocumented one, as open enums allow).
fn cluster(template: &Value, i: usize) -> Value {
    let n = i as u64;
    let mut c = template.clone();
    let name = format!("DBSS-OM{i:05}");
    let instance_id = hex32(n);
    c["name"] = json!(name);
    c["created"] = json!(1_755_594_767_000_i64 + n as i64 * 61_000);
    c["expired"] = json!(1_758_268_799_000_i64 + n as i64 * 86_400_000);
    c["instance_id"] = json!(instance_id);
    c["float_ip"] = json!(ip(n * 3));
    c["public_ip"] = json!(ip(n * 3 + 1));
    c["charge_model"] = json!(["Period", "Demand"][i % 2]);
    c["deploy_mode"] = json!(["CLOUD", "OUTSIDE"][i % 2]);
    c["remain_days"] = json!((i % 366).to_string());
    c["keep_days"] = json!((i % 366 + 2).to_string());
    c["is_active_standby"] = json!(!i.is_multiple_of(3));
    if i.is_multiple_of(5) {
        c["comment"] = json!(format!("cluster number {i}"));
        c["new_version"] = json!(format!("25.{}.0", i % 12));
    }
    if i.is_multiple_of(4) {
        c["activate_info"] = json!({
            "dsc_proxy_domain_name": format!("proxy-{i}.dbss.example.com"),
            "dsc_proxy_ip": ip(n * 3 + 2),
            "dsc_proxy_port": 3306 + (i % 100),
            "master_node_id": uuid(n ^ 0xaaaa),
            "slave_node_id": uuid(n ^ 0xbbbb),
        });
    }
    let servers = c["detail"]["server"]
        .as_array_mut()
        .expect("the example cluster has servers");
    for (j, s) in servers.iter_mut().enumerate() {
        let seed = n * 8 + j as u64;
        s["name"] = json!(format!("{name}-HA-{}", j + 1));
        s["instance_id"] = json!(instance_id);
        s["connect_ip"] = json!(ip(seed + 1_000_000));
        s["server_id"] = json!(uuid(seed + 2_000_000));
        s["vpc_id"] = json!(uuid(n + 3_000_000));
        s["subnet_id"] = json!(uuid(n + 4_000_000));
        s["security_group_id"] = json!(uuid(n + 5_000_000));
        s["created"] = json!(format!(
            "2025-{:02}-{:02} {:02}:{:02}:{:02}",
            i % 12 + 1,
            i % 28 + 1,
            i % 24,
            j * 7 % 60,
            i % 60
        ));
        s["cpu"] = json!(["4", "8", "16"][i % 3]);
        s["ram"] = json!(["8192", "16384", "32768"][i % 3]);
        s["is_active"] = json!(j % 2);
        if i.is_multiple_of(7) {
            s["effect"] = json!(i % 4); // 0 is undocumented: an open enum keeps it
            s["scene"] =
                json!(["POLICE", "ILLEGAL", "VERIFY", "PARTNER", "ARREAR", "OTHER"][i % 6]);
            s["update_status"] = json!(["SUCCESS", "FAILED", "UPGRADING"][i % 3]);
            s["description"] = json!(format!("server {j} of cluster {i}"));
        }
    }
    c
}

/// The response body: `CLUSTERS` varied clusters, pretty-printed like the API.
pub fn big_body() -> Vec<u8> {
    let example: Value = serde_json::from_str(&example_body()).expect("the example is JSON");
    let template = &example["clusters"][0];
    let clusters: Vec<Value> = (0..CLUSTERS).map(|i| cluster(template, i)).collect();
    serde_json::to_vec_pretty(&json!({ "clusters": clusters })).expect("serializes")
}
