//! `user_settings`: one row per user (the writing assistant's 27 settings
//! plus what a language learner needs).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "user_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub language: String,
    pub mind_map_enabled: bool,
    pub draft_mode_enabled: bool,
    pub polish_mode_enabled: bool,
    pub passive_learning: bool,
    pub ai_coaching: bool,
    pub inline_corrections: bool,
    pub progress_tracking: bool,
    pub read_aloud: bool,
    pub theme: String,
    pub font: String,
    pub page_type: String,
    pub view_mode: String,
    pub zoom: i32,
    pub show_zoom: bool,
    pub page_numbers: bool,
    pub font_size: i32,
    pub line_spacing: f64,
    pub letter_spacing: f64,
    pub voice_enabled: bool,
    pub auto_correct: bool,
    pub focus_mode: bool,
    pub tts_speed: f64,
    pub correction_aggressiveness: i32,
    pub anonymized_data_collection: bool,
    pub cloud_sync: bool,
    pub developer_mode: bool,
    pub daily_goal_xp: i32,
    pub new_cards_per_day: i32,
    pub max_reviews_per_day: i32,
    pub desired_retention: f64,
    pub day_start_hour: i32,
    pub reminder_time: Option<String>,
    pub ui_language: String,
    pub high_contrast: bool,
    pub reduced_motion: bool,
    pub tts_voice: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
