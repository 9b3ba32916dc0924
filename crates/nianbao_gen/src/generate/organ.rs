//! The issuing body: a city or county government, a department or a street office, by name.

use crate::report::OrganKind;
use crate::rng::Rng;

const CITIES: &[&str] = &[
    "洛阳",
    "宿迁",
    "徐州",
    "赣州",
    "绵阳",
    "湛江",
    "岳阳",
    "佳木斯",
    "定西",
    "兴安盟",
    "怀化",
    "安庆",
    "三明",
    "泉州",
    "遵义",
    "曲靖",
    "榆林",
    "包头",
    "济宁",
    "襄阳",
];

const COUNTIES: &[&str] = &[
    "偃师区",
    "沭阳县",
    "泗洪县",
    "徐闻县",
    "舒兰市",
    "通州区",
    "九龙坡区",
    "龙岗区",
    "平潭县",
    "宁化县",
    "广德市",
    "兴化市",
    "桐城市",
    "南康区",
    "江油市",
    "遂溪县",
    "汨罗市",
    "临澧县",
    "黄浦区",
    "长寿区",
    "新郑市",
    "宜良县",
    "神木市",
    "固原市原州区",
];

const DEPARTMENTS: &[&str] = &[
    "审计局",
    "发展和改革局",
    "财政局",
    "教育局",
    "民政局",
    "司法局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "卫生健康委员会",
    "市场监督管理局",
    "人力资源和社会保障局",
    "应急管理局",
    "统计局",
    "文化和旅游局",
    "水利局",
];

const STREETS: &[&str] = &[
    "城关",
    "东城",
    "西城",
    "南湖",
    "北关",
    "二郎",
    "打浦桥",
    "金井湾",
    "滨江",
    "新华",
    "长安",
    "和平",
];

fn pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    rng.pick(items).copied().unwrap_or("")
}

pub(super) fn organ(rng: &mut Rng) -> (String, OrganKind) {
    match rng.weighted(&[8, 22, 55, 15]) {
        0 => {
            let city = pick(rng, CITIES);
            let suffix = if city.ends_with('盟') { "" } else { "市" };
            let office = if rng.chance(50) { "办公室" } else { "" };
            (
                format!("{city}{suffix}人民政府{office}"),
                OrganKind::CityGovernment,
            )
        }
        1 => {
            let office = if rng.chance(60) { "办公室" } else { "" };
            (
                format!("{}人民政府{office}", pick(rng, COUNTIES)),
                OrganKind::CountyGovernment,
            )
        }
        2 => {
            // Most departments are county-level; a fifth belong to a city government.
            let place = if rng.chance(20) {
                let city = pick(rng, CITIES);
                let suffix = if city.ends_with('盟') { "" } else { "市" };
                format!("{city}{suffix}")
            } else {
                pick(rng, COUNTIES).to_owned()
            };
            (
                format!("{place}{}", pick(rng, DEPARTMENTS)),
                OrganKind::Department,
            )
        }
        _ => (
            format!("{}{}街道办事处", pick(rng, COUNTIES), pick(rng, STREETS)),
            OrganKind::Subdistrict,
        ),
    }
}
