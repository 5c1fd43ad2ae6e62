//! Helpers of the runnable examples: rendering ListInstances output as a table a person reads.
//!
//! Every text from the server is shown with its control characters escaped
//! ([`escape_control`]), so a name cannot clear the screen or forge a line.

use huaweicloud_sdk_core::text::escape_control;
use huaweicloud_sdk_dbss::models::{ActiveRole, Cluster, ListInstancesResponse};

/// The instances as a table (name, status, deploy mode, charge model, days left), each followed
/// by its servers with IP address and HA role.
pub fn render_table(response: &ListInstancesResponse) -> String {
    let clusters = response.clusters();
    if clusters.is_empty() {
        return "no instances\n".to_owned();
    }
    let header = ["NAME", "STATUS", "DEPLOY MODE", "CHARGE MODEL", "DAYS LEFT"].map(str::to_owned);
    let rows: Vec<[String; 5]> = clusters.iter().map(row).collect();
    let mut widths = header.clone().map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 5]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(&header);
    for (cluster, r) in clusters.iter().zip(&rows) {
        out.push_str(&line(r));
        for server in cluster.detail().map_or(&[][..], |d| d.server()) {
            let role = match server.is_active() {
                Some(ActiveRole::Primary) => "primary".to_owned(),
                Some(ActiveRole::Standby) => "standby".to_owned(),
                Some(other) => format!("role {}", other.value()),
                None => "-".to_owned(),
            };
            out.push_str(&format!(
                "  server {}  ip {}  {}\n",
                text(&server.name),
                text(&server.connect_ip),
                role
            ));
        }
    }
    out
}

fn text(v: &Option<String>) -> String {
    escape_control(v.as_deref().filter(|s| !s.is_empty()).unwrap_or("-")).into_owned()
}

fn row(c: &Cluster) -> [String; 5] {
    let servers = c.detail().map_or(&[][..], |d| d.server());
    let mut statuses: Vec<&str> = servers.iter().filter_map(|s| s.status()).collect();
    statuses.dedup();
    let status = if statuses.is_empty() {
        "-".to_owned()
    } else {
        escape_control(&statuses.join("/")).into_owned()
    };
    [
        text(&c.name),
        status,
        c.deploy_mode
            .as_ref()
            .map_or("-".to_owned(), |m| escape_control(m.as_ref()).into_owned()),
        c.charge_model
            .as_ref()
            .map_or("-".to_owned(), |m| escape_control(m.as_ref()).into_owned()),
        text(&c.remain_days),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_server_sent() {
        let body = r#"{"clusters":[{"name":"evil\u001b]0;owned\u0007\nerror: forged","deploy_mode":"X\u001b[2J","charge_model":"Y\r",
            "remain_days":"1","detail":{"server":[{"name":"s\u009b1","status":"A\tB","connect_ip":"\u0000"}]}}]}"#;
        let response: ListInstancesResponse = serde_json::from_str(body).unwrap();
        let table = render_table(&response);
        assert!(
            !table.chars().any(|c| c.is_control() && c != '\n'),
            "{table:?}"
        );
        assert_eq!(table.lines().count(), 3, "{table}");
        assert!(
            table.contains("evil\\u{1b}]0;owned\\u{7}\\nerror: forged"),
            "{table}"
        );
        assert!(table.contains("X\\u{1b}[2J"), "{table}");
        assert!(table.contains("server s\\u{9b}1  ip \\0"), "{table}");
    }

    #[test]
    fn renders_clusters_and_servers() {
        let body = r#"{"clusters":[{"name":"DBSS-OM0819","deploy_mode":"CLOUD","charge_model":"Test","remain_days":"31",
            "detail":{"server":[{"name":"HA-1","status":"ACTIVE","connect_ip":"10.0.0.1","is_active":1},
                                {"name":"HA-2","status":"ACTIVE","connect_ip":"10.0.0.2","is_active":0}]}}]}"#;
        let response: ListInstancesResponse = serde_json::from_str(body).unwrap();
        assert_eq!(
            render_table(&response),
            "NAME         STATUS  DEPLOY MODE  CHARGE MODEL  DAYS LEFT\n\
             DBSS-OM0819  ACTIVE  CLOUD        Test          31\n\
             \x20 server HA-1  ip 10.0.0.1  standby\n\
             \x20 server HA-2  ip 10.0.0.2  primary\n"
        );
        assert_eq!(
            render_table(&ListInstancesResponse::default()),
            "no instances\n"
        );
    }
}
