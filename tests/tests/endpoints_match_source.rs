//! The spec's endpoints are exactly the region list of `spec/sources/dbss/dbss-endpoints.txt`,
//! in order, and the template gives each region's URL as that file writes it.

#[test]
fn endpoints_match_the_region_list() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let source = std::fs::read_to_string(format!("{root}/spec/sources/dbss/dbss-endpoints.txt"))
        .expect("source");
    let yaml =
        std::fs::read_to_string(format!("{root}/spec/dbss/service.yaml")).expect("service.yaml");
    let service: codegen::spec::ServiceFile =
        serde_saphyr::from_str(&yaml).expect("service.yaml parses");
    let endpoints = service.endpoints.expect("service.yaml lists endpoints");
    let rows: Vec<(&str, &str)> = source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells = l.split_whitespace();
            (cells.next().unwrap_or(""), cells.next().unwrap_or(""))
        })
        .collect();
    assert_eq!(rows.len(), 30);
    let regions: Vec<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(endpoints.regions, regions);
    for (region, url) in rows {
        assert_eq!(
            endpoints.template.value.replace("{region}", region),
            url,
            "{region}"
        );
    }
}
