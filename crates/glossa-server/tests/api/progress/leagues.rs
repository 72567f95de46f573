//! Weekly leagues ranked by the rollover job (promotion, demotion, next
//! week's tier), the leaderboards and the snapshots job, run by a second
//! server process with a job worker after the simulated week.

use chrono::Duration;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

use super::{answer, learner_with_cards, scalar, to_next_monday_noon};
use crate::both_backends;
use crate::common::TestApp;

both_backends!(leagues_and_snapshots);

/// Starts another server process with a job worker on the app's database
/// and stops it once no job is queued or running (or after 20 s).
async fn run_jobs(app: &TestApp) {
    let (tx, handle) = app.worker_server(|_| {}).await;
    for _ in 0..200 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let pending = app
            .count("jobs WHERE status IN ('queued', 'running')")
            .await;
        if pending == 0 && app.count("jobs WHERE kind = 'league_rollover'").await > 0 {
            break;
        }
    }
    let _ = tx.send(());
    handle.await.unwrap();
    assert_eq!(
        app.count("jobs WHERE status <> 'done'").await,
        0,
        "every job done"
    );
}

async fn weekly(app: &TestApp, token: &str) -> Value {
    let (s, v) = app.get("/api/v1/leaderboard?scope=weekly", token).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

async fn leagues_and_snapshots(app: &TestApp) {
    let monday = to_next_monday_noon(app);
    // Twelve learners; learner i answers i + 1 cards on Monday.
    let mut learners = Vec::new();
    for i in 0..12 {
        // Registration is rate-limited per address.
        app.exec("DELETE FROM rate_limits").await;
        let (token, cards) = learner_with_cards(app, &format!("l{i}@example.com"), i + 3).await;
        for c in &cards[..=i] {
            answer(app, &token, c).await;
        }
        learners.push((token, cards));
    }
    let top = &learners[11].0;
    let league = weekly(app, top).await["league"].clone();
    assert_eq!(league["tier"], "bronze", "{league}");
    assert_eq!(league["week_start"], monday.to_string());
    assert_eq!(league["rank"], 1);
    assert_eq!(league["standings"].as_array().unwrap().len(), 12);
    assert_eq!(league["promotion_ranks"], 5);
    assert!(
        league["demotion_from_rank"].is_null(),
        "nobody leaves bronze downwards: {league}"
    );
    let xps: Vec<i64> = league["standings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["weekly_xp"].as_i64().unwrap())
        .collect();
    assert!(xps.windows(2).all(|w| w[0] > w[1]), "{xps:?}");
    assert_eq!(weekly(app, &learners[0].0).await["league"]["rank"], 12);
    // All time: by total XP, with the caller's place.
    let (s, all) = app.get("/api/v1/leaderboard?limit=3", &learners[5].0).await;
    assert_eq!(s, StatusCode::OK, "{all}");
    assert_eq!(all["leaders"].as_array().unwrap().len(), 3);
    assert_eq!(all["leaders"][0]["total_xp"].as_i64(), Some(xps[0]));
    assert_eq!(all["me"]["rank"], 7, "{all}");
    let (s, v) = app.get("/api/v1/leaderboard?scope=monthly", top).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    // Play the week in silver so that the bottom five can be demoted.
    app.exec("UPDATE league_memberships SET tier = 'silver'")
        .await;
    // Sunday: the top learner practises once more.
    app.clock.advance(Duration::days(6));
    answer(app, top, &learners[11].1[12]).await;
    // Next Monday: the jobs rank the week and write the snapshots.
    app.clock.advance(Duration::days(1));
    run_jobs(app).await;
    let rows = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT u.email, m.final_rank, m.promoted, m.demoted, m.weekly_xp FROM league_memberships m \
             JOIN users u ON u.id = m.user_id ORDER BY m.final_rank",
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), 12);
    for (i, r) in rows.iter().enumerate() {
        let rank: i32 = r.try_get("", "final_rank").unwrap();
        let email: String = r.try_get("", "email").unwrap();
        let promoted: bool = r.try_get("", "promoted").unwrap();
        let demoted: bool = r.try_get("", "demoted").unwrap();
        assert_eq!(rank as usize, i + 1);
        assert_eq!(email, format!("l{}@example.com", 11 - i));
        assert_eq!((promoted, demoted), (rank <= 5, rank >= 8), "rank {rank}");
        assert!(r.try_get::<i32>("", "weekly_xp").unwrap() > 0);
    }
    assert_eq!(
        scalar(app, "SELECT CAST(SUM(weekly_xp) AS BIGINT) FROM user_stats").await,
        0,
        "weekly XP restarts"
    );

    // This week: the winner plays in gold, the last one back in bronze.
    answer(app, top, &learners[11].1[13]).await;
    let last = &learners[0].0;
    answer(app, last, &learners[0].1[1]).await;
    let v = weekly(app, top).await;
    assert_eq!(v["league"]["tier"], "gold", "{v}");
    assert_eq!(
        v["league"]["week_start"],
        (monday + Duration::days(7)).to_string()
    );
    assert_eq!(
        (
            v["history"][0]["final_rank"].as_i64(),
            v["history"][0]["promoted"].as_bool()
        ),
        (Some(1), Some(true)),
        "{v}"
    );
    assert_eq!(weekly(app, last).await["league"]["tier"], "bronze");
    let (_, d) = app.get("/api/v1/dashboard", top).await;
    assert_eq!(d["league"]["tier"], "gold", "{d}");
    assert_eq!(d["league"]["group_size"], 1);

    // Snapshots: last week's for everyone active, Sunday's for the winner.
    let (s, weeklies) = app
        .get("/api/v1/progress/snapshots?period=weekly", top)
        .await;
    assert_eq!(s, StatusCode::OK, "{weeklies}");
    assert_eq!(weeklies.as_array().unwrap().len(), 1, "{weeklies}");
    assert_eq!(weeklies[0]["period_start"], monday.to_string());
    assert_eq!(weeklies[0]["activity"]["active_days"], 2);
    assert_eq!(weeklies[0]["vocabulary"]["reviews"], 13);
    assert_eq!(weeklies[0]["activity"]["xp"].as_i64(), Some(xps[0] + 10));
    let (_, dailies) = app
        .get("/api/v1/progress/snapshots?period=daily", top)
        .await;
    assert_eq!(dailies.as_array().unwrap().len(), 1, "{dailies}");
    assert_eq!(
        dailies[0]["period_start"],
        (monday + Duration::days(6)).to_string()
    );
    assert_eq!(dailies[0]["accuracy"], 100.0);
    assert_eq!(
        app.count("progress_snapshots WHERE period = 'weekly'")
            .await,
        12
    );
    let (s, v) = app
        .get("/api/v1/progress/snapshots?period=yearly", top)
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}
