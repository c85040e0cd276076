//! Deterministic demo and benchmark data (placeholder while the generator is written).
use crate::{CoreResult, Store};

pub fn load_demo_cluster(store: &mut Store, _seed: u64) -> CoreResult<()> {
    store.write(|w| {
        crate::cluster::create(
            w,
            &crate::cluster::ClusterInput {
                name: "남동 친환경나노 미니클러스터".into(),
                complex_name: "남동국가산업단지".into(),
                region: crate::cluster::Region::Capital,
                industry_theme: "화장품·화학".into(),
                manager_name: String::new(),
            },
        )?;
        Ok(())
    })
}
